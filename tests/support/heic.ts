// Real HEIC photos for tests, written here because no encoder is at hand (sharp's libvips writes AV1 only, and
// heic-decode reads HEVC only): an HEVC still picture whose every 32×32 block is a PCM block (raw samples, which the
// standard allows in any profile), wrapped in a HEIF container with an optional EXIF item, as phones store photos.
import sharp from 'sharp';

/** Bits, MSB first, as H.265 writes syntax elements. */
class BitWriter {
  private readonly bytes: number[] = [];
  private current = 0;
  private filled = 0;

  bit(value: number): void {
    this.current = (this.current << 1) | (value & 1);
    if (++this.filled === 8) {
      this.bytes.push(this.current);
      this.current = 0;
      this.filled = 0;
    }
  }

  bits(value: number, count: number): void {
    for (let i = count - 1; i >= 0; i--) this.bit(Math.floor(value / 2 ** i) % 2);
  }

  /** ue(v): unsigned Exp-Golomb. */
  ue(value: number): void {
    const code = value + 1;
    const length = Math.floor(Math.log2(code));
    this.bits(0, length);
    this.bits(code, length + 1);
  }

  /** se(v): signed Exp-Golomb. */
  se(value: number): void {
    this.ue(value <= 0 ? -2 * value : 2 * value - 1);
  }

  get aligned(): boolean {
    return this.filled === 0;
  }

  alignWithZeros(): void {
    while (!this.aligned) this.bit(0);
  }

  /** rbsp_trailing_bits: a stop bit, then zeros to the byte boundary. */
  trailingBits(): void {
    this.bit(1);
    this.alignWithZeros();
  }

  byte(value: number): void {
    if (!this.aligned) throw new Error('byte written off a byte boundary');
    this.bytes.push(value & 0xff);
  }

  toBuffer(): Buffer {
    if (!this.aligned) throw new Error('unaligned end of a bitstream');
    return Buffer.from(this.bytes);
  }
}

/**
 * The CABAC engine's encoder (H.265 §9.3.4.3 read backwards), for the only bins a PCM picture needs: one
 * context-coded bin at its initial state, and bins coded with the terminating decision.
 */
class CabacWriter {
  private low = 0;
  private range = 510;
  private outstanding = 0;
  private firstBit = true;

  constructor(private readonly out: BitWriter) {}

  private putBit(bit: number): void {
    if (this.firstBit) this.firstBit = false;
    else this.out.bit(bit);
    for (; this.outstanding > 0; this.outstanding--) this.out.bit(1 - bit);
  }

  private renormalise(): void {
    while (this.range < 256) {
      if (this.low < 256) this.putBit(0);
      else if (this.low >= 512) {
        this.low -= 512;
        this.putBit(1);
      } else {
        this.low -= 256;
        this.outstanding++;
      }
      this.range <<= 1;
      this.low <<= 1;
    }
  }

  /** The most probable value of a context at pStateIdx 0, whose range for the LPS is rangeTabLps[0][q]. */
  mostProbableAtFirstState(): void {
    const lps = [128, 176, 208, 240][(this.range >> 6) & 3]!;
    this.range -= lps;
    this.renormalise();
  }

  /** A terminating bin (pcm_flag, end_of_slice_segment_flag); a 1 flushes the engine, ending in a stop bit. */
  terminate(value: 0 | 1): void {
    this.range -= 2;
    if (value === 0) {
      this.renormalise();
      return;
    }
    this.low += this.range;
    this.range = 2;
    this.renormalise();
    this.putBit((this.low >> 9) & 1);
    this.out.bits(((this.low >> 7) & 3) | 1, 2);
  }
}

const CTB_LOG2 = 5;
const CTB = 1 << CTB_LOG2;

/** profile_tier_level(1, 0): Main profile, level 6.2 (any size a test needs), progressive frames. */
function profileTierLevel(w: BitWriter): void {
  w.bits(0, 2); // general_profile_space
  w.bit(0); // general_tier_flag
  w.bits(1, 5); // general_profile_idc: Main
  for (let j = 0; j < 32; j++) w.bit(j === 1 || j === 2 ? 1 : 0); // compatible with Main and Main 10
  w.bit(1); // progressive_source
  w.bit(0); // interlaced_source
  w.bit(0); // non_packed_constraint
  w.bit(1); // frame_only_constraint
  w.bits(0, 32); // 43 reserved bits and general_inbld_flag
  w.bits(0, 12);
  w.bits(186, 8); // general_level_idc: 6.2 × 30
}

/** Emulation prevention and the two-byte NAL unit header. */
function nalUnit(type: number, rbsp: Buffer): Buffer {
  const out: number[] = [(type << 1) & 0x7e, 1];
  let zeros = 0;
  for (const byte of rbsp) {
    if (zeros >= 2 && byte <= 3) {
      out.push(3);
      zeros = 0;
    }
    out.push(byte);
    zeros = byte === 0 ? zeros + 1 : 0;
  }
  return Buffer.from(out);
}

function vps(): Buffer {
  const w = new BitWriter();
  w.bits(0, 4); // vps_video_parameter_set_id
  w.bit(1); // vps_base_layer_internal_flag
  w.bit(1); // vps_base_layer_available_flag
  w.bits(0, 6); // vps_max_layers_minus1
  w.bits(0, 3); // vps_max_sub_layers_minus1
  w.bit(1); // vps_temporal_id_nesting_flag
  w.bits(0xffff, 16);
  profileTierLevel(w);
  w.bit(1); // vps_sub_layer_ordering_info_present_flag
  w.ue(0); // vps_max_dec_pic_buffering_minus1
  w.ue(0); // vps_max_num_reorder_pics
  w.ue(0); // vps_max_latency_increase_plus1
  w.bits(0, 6); // vps_max_layer_id
  w.ue(0); // vps_num_layer_sets_minus1
  w.bit(0); // vps_timing_info_present_flag
  w.bit(0); // vps_extension_flag
  w.trailingBits();
  return nalUnit(32, w.toBuffer());
}

function sps(width: number, height: number): Buffer {
  const w = new BitWriter();
  w.bits(0, 4); // sps_video_parameter_set_id
  w.bits(0, 3); // sps_max_sub_layers_minus1
  w.bit(1); // sps_temporal_id_nesting_flag
  profileTierLevel(w);
  w.ue(0); // sps_seq_parameter_set_id
  w.ue(1); // chroma_format_idc: 4:2:0
  w.ue(width);
  w.ue(height);
  w.bit(0); // conformance_window_flag
  w.ue(0); // bit_depth_luma_minus8
  w.ue(0); // bit_depth_chroma_minus8
  w.ue(0); // log2_max_pic_order_cnt_lsb_minus4
  w.bit(1); // sps_sub_layer_ordering_info_present_flag
  w.ue(0);
  w.ue(0);
  w.ue(0);
  w.ue(CTB_LOG2 - 3); // log2_min_luma_coding_block_size_minus3: one coding block per CTB, never split
  w.ue(0); // log2_diff_max_min_luma_coding_block_size
  w.ue(0); // log2_min_luma_transform_block_size_minus2
  w.ue(CTB_LOG2 - 2); // log2_diff_max_min_luma_transform_block_size
  w.ue(0); // max_transform_hierarchy_depth_inter
  w.ue(0); // max_transform_hierarchy_depth_intra
  w.bit(0); // scaling_list_enabled_flag
  w.bit(0); // amp_enabled_flag
  w.bit(0); // sample_adaptive_offset_enabled_flag
  w.bit(1); // pcm_enabled_flag
  w.bits(7, 4); // pcm_sample_bit_depth_luma_minus1
  w.bits(7, 4); // pcm_sample_bit_depth_chroma_minus1
  w.ue(CTB_LOG2 - 3); // log2_min_pcm_luma_coding_block_size_minus3
  w.ue(0); // log2_diff_max_min_pcm_luma_coding_block_size
  w.bit(1); // pcm_loop_filter_disabled_flag
  w.ue(0); // num_short_term_ref_pic_sets
  w.bit(0); // long_term_ref_pics_present_flag
  w.bit(0); // sps_temporal_mvp_enabled_flag
  w.bit(0); // strong_intra_smoothing_enabled_flag
  w.bit(0); // vui_parameters_present_flag
  w.bit(0); // sps_extension_present_flag
  w.trailingBits();
  return nalUnit(33, w.toBuffer());
}

function pps(): Buffer {
  const w = new BitWriter();
  w.ue(0); // pps_pic_parameter_set_id
  w.ue(0); // pps_seq_parameter_set_id
  w.bit(0); // dependent_slice_segments_enabled_flag
  w.bit(0); // output_flag_present_flag
  w.bits(0, 3); // num_extra_slice_header_bits
  w.bit(0); // sign_data_hiding_enabled_flag
  w.bit(0); // cabac_init_present_flag
  w.ue(0); // num_ref_idx_l0_default_active_minus1
  w.ue(0); // num_ref_idx_l1_default_active_minus1
  w.se(0); // init_qp_minus26
  w.bit(0); // constrained_intra_pred_flag
  w.bit(0); // transform_skip_enabled_flag
  w.bit(0); // cu_qp_delta_enabled_flag
  w.se(0); // pps_cb_qp_offset
  w.se(0); // pps_cr_qp_offset
  w.bit(0); // pps_slice_chroma_qp_offsets_present_flag
  w.bit(0); // weighted_pred_flag
  w.bit(0); // weighted_bipred_flag
  w.bit(0); // transquant_bypass_enabled_flag
  w.bit(0); // tiles_enabled_flag
  w.bit(0); // entropy_coding_sync_enabled_flag
  w.bit(0); // pps_loop_filter_across_slices_enabled_flag
  w.bit(0); // deblocking_filter_control_present_flag
  w.bit(0); // pps_scaling_list_data_present_flag
  w.bit(0); // lists_modification_present_flag
  w.ue(0); // log2_parallel_merge_level_minus2
  w.bit(0); // slice_segment_header_extension_present_flag
  w.bit(0); // pps_extension_present_flag
  w.trailingBits();
  return nalUnit(34, w.toBuffer());
}

/** The samples of one 4:2:0 picture, 8 bits each. */
interface Planes {
  width: number;
  height: number;
  y: Uint8Array;
  cb: Uint8Array;
  cr: Uint8Array;
}

/**
 * One slice per CTB, so every slice starts from fresh contexts and the encoder never needs more than the first
 * probability state: part_mode 2N×2N, pcm_flag 1, the raw samples, then the end of the slice.
 */
function slice(planes: Planes, address: number): Buffer {
  const ctbsWide = planes.width / CTB;
  const ctbCount = ctbsWide * (planes.height / CTB);
  const w = new BitWriter();
  w.bit(address === 0 ? 1 : 0); // first_slice_segment_in_pic_flag
  w.bit(0); // no_output_of_prior_pics_flag (an IRAP picture)
  w.ue(0); // slice_pic_parameter_set_id
  if (address > 0) w.bits(address, Math.ceil(Math.log2(ctbCount))); // slice_segment_address
  w.ue(2); // slice_type: I
  w.se(0); // slice_qp_delta
  w.bit(1); // byte_alignment(): alignment_bit_equal_to_one
  w.alignWithZeros();

  const cabac = new CabacWriter(w);
  cabac.mostProbableAtFirstState(); // part_mode: PART_2Nx2N
  cabac.terminate(1); // pcm_flag
  w.alignWithZeros(); // pcm_alignment_zero_bit
  const x0 = (address % ctbsWide) * CTB;
  const y0 = Math.floor(address / ctbsWide) * CTB;
  for (let y = 0; y < CTB; y++) for (let x = 0; x < CTB; x++) w.byte(planes.y[(y0 + y) * planes.width + x0 + x]!);
  const chromaWidth = planes.width / 2;
  for (const plane of [planes.cb, planes.cr])
    for (let y = 0; y < CTB / 2; y++)
      for (let x = 0; x < CTB / 2; x++) w.byte(plane[(y0 / 2 + y) * chromaWidth + x0 / 2 + x]!);
  // After the samples the engine starts afresh (§9.3.2.5) and codes end_of_slice_segment_flag, whose flush ends
  // in the stop bit of rbsp_slice_segment_trailing_bits.
  new CabacWriter(w).terminate(1);
  w.alignWithZeros();
  return nalUnit(19, w.toBuffer()); // IDR_W_RADL
}

function box(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(body.length + 8, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, body]);
}

const fullBox = (type: string, version: number, flags: number, ...parts: Buffer[]) => {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(((version & 0xff) << 24) | (flags & 0xffffff), 0);
  return box(type, head, ...parts);
};

const u8 = (value: number) => Buffer.from([value]);
const u16 = (value: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(value, 0);
  return b;
};
const u32 = (value: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(value, 0);
  return b;
};
const text = (value: string) => Buffer.from(`${value}\0`, 'latin1');

/** HEVCDecoderConfigurationRecord: the parameter sets the picture needs, lengths on 4 bytes. */
function hvcC(parameterSets: [number, Buffer][]): Buffer {
  const ptl = new BitWriter();
  profileTierLevel(ptl);
  return box(
    'hvcC',
    u8(1),
    ptl.toBuffer(), // the same 12 bytes as in the parameter sets
    u16(0xf000), // min_spatial_segmentation_idc
    u8(0xfc), // parallelismType
    u8(0xfd), // chroma_format_idc 1
    u8(0xf8), // bit_depth_luma_minus8
    u8(0xf8), // bit_depth_chroma_minus8
    u16(0), // avgFrameRate
    u8(0x0f), // one temporal layer, nested, 4-byte lengths
    u8(parameterSets.length),
    ...parameterSets.map(([type, nal]) => Buffer.concat([u8(0x80 | type), u16(1), u16(nal.length), nal])),
  );
}

/** The EXIF block a phone stores in a HEIC, made by sharp as for a JPEG: `Exif\0\0` and a TIFF structure. */
async function exifPayload(exif: Record<string, Record<string, string>>): Promise<Buffer> {
  const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#777' } })
    .jpeg()
    .withExif(exif)
    .toBuffer();
  for (let at = 2; at + 4 < jpeg.length;) {
    const marker = jpeg.readUInt16BE(at);
    const length = jpeg.readUInt16BE(at + 2);
    const data = jpeg.subarray(at + 4, at + 2 + length);
    if (marker === 0xffe1 && data.subarray(0, 6).toString('latin1') === 'Exif\0\0') return Buffer.from(data);
    at += 2 + length;
  }
  throw new Error('sharp wrote no EXIF segment');
}

export interface HeicOptions {
  /** Multiples of 32 (one PCM block per 32×32 square). */
  width: number;
  height: number;
  /** The colour of every pixel, as BT.601 limited-range YCbCr. */
  color?: { y: number; cb: number; cr: number };
  /** As sharp's withExif takes it (IFD0, IFD3 for GPS …). */
  exif?: Record<string, Record<string, string>>;
  /** What the file says its size is (ispe), if not the picture's: a decompression bomb claims more. */
  claimedSize?: { width: number; height: number };
}

/** Red in BT.601 limited range: clearly not what a decoder that failed would leave (black, grey, green). */
export const HEIC_RED = { y: 81, cb: 90, cr: 240 };

/** A HEIC file (major brand `heic`) with one HEVC image item, and an EXIF item describing it when asked. */
export async function heicPhoto(options: HeicOptions): Promise<Buffer> {
  const { width, height } = options;
  if (width % CTB !== 0 || height % CTB !== 0) throw new Error(`HEIC test photos are multiples of ${CTB} pixels`);
  const color = options.color ?? HEIC_RED;
  const planes: Planes = {
    width,
    height,
    y: new Uint8Array(width * height).fill(color.y),
    cb: new Uint8Array((width * height) / 4).fill(color.cb),
    cr: new Uint8Array((width * height) / 4).fill(color.cr),
  };
  const ctbCount = (width / CTB) * (height / CTB);
  const image = Buffer.concat(
    Array.from({ length: ctbCount }, (_, address) => {
      const nal = slice(planes, address);
      return Buffer.concat([u32(nal.length), nal]);
    }),
  );
  const exif = options.exif ? Buffer.concat([u32(6), await exifPayload(options.exif)]) : null;
  const claimed = options.claimedSize ?? { width, height };

  const items = exif ? 2 : 1;
  const meta = (offsets: number[]) =>
    fullBox(
      'meta',
      0,
      0,
      fullBox('hdlr', 0, 0, u32(0), Buffer.from('pict', 'latin1'), u32(0), u32(0), u32(0), text('')),
      fullBox('pitm', 0, 0, u16(1)),
      // offset_size 4, length_size 4, base_offset_size 0: one extent per item, in the mdat below.
      fullBox(
        'iloc',
        0,
        0,
        u16(0x4400),
        u16(items),
        ...[image, ...(exif ? [exif] : [])].map((data, index) =>
          Buffer.concat([u16(index + 1), u16(0), u16(1), u32(offsets[index]!), u32(data.length)]),
        ),
      ),
      fullBox(
        'iinf',
        0,
        0,
        u16(items),
        fullBox('infe', 2, 0, u16(1), u16(0), Buffer.from('hvc1', 'latin1'), text('')),
        ...(exif ? [fullBox('infe', 2, 0, u16(2), u16(0), Buffer.from('Exif', 'latin1'), text(''))] : []),
      ),
      ...(exif ? [fullBox('iref', 0, 0, box('cdsc', u16(2), u16(1), u16(1)))] : []),
      box(
        'iprp',
        box(
          'ipco',
          hvcC([
            [32, vps()],
            [33, sps(width, height)],
            [34, pps()],
          ]),
          fullBox('ispe', 0, 0, u32(claimed.width), u32(claimed.height)),
        ),
        // The image item: hvcC (essential) and ispe.
        fullBox('ipma', 0, 0, u32(1), u16(1), u8(2), u8(0x81), u8(0x02)),
      ),
    );
  const ftyp = box('ftyp', Buffer.from('heic', 'latin1'), u32(0), Buffer.from('mif1heic', 'latin1'));
  // The offsets depend on the meta box's size, which does not depend on their values.
  const head = ftyp.length + meta([0, 0]).length + 8;
  const offsets = [head, head + image.length];
  return Buffer.concat([ftyp, meta(offsets), box('mdat', image, ...(exif ? [exif] : []))]);
}

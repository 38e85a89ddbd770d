// Types for heic-decode, which ships none: HEIC/HEIF to RGBA pixels through libheif compiled to WebAssembly.
// Only what heic-photo.ts and its worker use.
declare module 'heic-decode' {
  /** Like the browser's ImageData: 4 bytes (RGBA) per pixel, row by row. */
  export interface DecodedImage {
    width: number;
    height: number;
    data: Uint8ClampedArray;
  }

  /** One top-level image of the file, its size known before its pixels are decoded. */
  export interface HeifImage {
    width: number;
    height: number;
    decode(): Promise<DecodedImage>;
  }

  interface Decode {
    /** The file's first image, decoded. */
    (input: { buffer: Uint8Array }): Promise<DecodedImage>;
    /** Every top-level image, undecoded; `dispose` frees them once done. */
    all(input: { buffer: Uint8Array }): Promise<HeifImage[] & { dispose(): void }>;
  }

  const decode: Decode;
  export default decode;
}

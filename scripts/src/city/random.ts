// Seeded randomness for the city generator: one small fast generator, and the shapes the model draws from
// (weights, log-normal durations, Poisson counts). The same seed gives the same city.

/** Mixes numbers into one 32-bit seed, so every ticket and day can have a generator of its own. */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    // Parts above 2^32 (none today) would be folded in by their high bits too.
    h ^= Math.floor(part / 4294967296);
  }
  return h >>> 0;
}

export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1) (mulberry32). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  between(a: number, b: number): number {
    return a + (b - a) * this.next();
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)]!;
  }

  normal(): number {
    return Math.sqrt(-2 * Math.log(1 - this.next())) * Math.cos(2 * Math.PI * this.next());
  }

  /** Log-normal around a median: most values within median·e^(±sigma). */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** Poisson count (Knuth for small means, a rounded normal for large ones). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** An index drawn from cumulative weights (see cumulative()). */
  weighted(cdf: Float64Array): number {
    const x = this.next() * cdf[cdf.length - 1]!;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

export function cumulative(weights: readonly number[]): Float64Array {
  const cdf = new Float64Array(weights.length);
  let sum = 0;
  for (const [i, w] of weights.entries()) {
    sum += Math.max(0, w);
    cdf[i] = sum;
  }
  if (sum <= 0) throw new Error('weights must not all be zero');
  return cdf;
}

/**
 * Splits `total` into whole parts proportional to `weights`, exactly (largest remainders): the requested
 * number of calls and tickets is the number written.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + Math.max(0, b), 0);
  if (sum <= 0) throw new Error('weights must not all be zero');
  const exact = weights.map((w) => (Math.max(0, w) / sum) * total);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k]![1]]! += 1;
  return parts;
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

function hex(w: number): string {
  return HEX[w >>> 24]! + HEX[(w >>> 16) & 255]! + HEX[(w >>> 8) & 255]! + HEX[w & 255]!;
}

/**
 * A version-4-shaped UUID that is a function of the seed, a tag (what it identifies) and a number: a ticket's
 * events name their ticket without reading its id back, and the same seed gives the same ids.
 */
export function uuidFrom(seed: number, tag: number, n: number): string {
  let s = '';
  for (let k = 0; k < 4; k++) {
    // n last: for a fixed prefix mixSeed is a bijection of n, so ids of one tag never collide.
    let w = mixSeed(seed, tag, k, n);
    if (k === 1) w = (w & 0xffff0fff) | 0x00004000;
    if (k === 2) w = (w & 0x3fffffff) | 0x80000000;
    s += hex(w);
  }
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** Tags of generated ids. */
export const ID = { ticket: 1, call: 2, comment: 3, alert: 4, search: 5, response: 6, survey: 7, question: 8 } as const;

/**
 * A UUIDv7 (RFC 9562) for a row made at `ms`: the time in its first 48 bits, then bits from the seed, the tag and
 * the number (which alone keep ids of one tag apart). Rows written in time order then land at the end of their
 * indexes, as they do on a live system over two years, instead of all over them.
 */
export function uuidV7(ms: number, seed: number, tag: number, n: number): string {
  const t = Math.max(0, Math.floor(ms));
  const high = Math.floor(t / 4294967296) & 0xffff;
  const time = HEX[high >>> 8]! + HEX[high & 255]! + hex(t >>> 0);
  const w0 = mixSeed(seed, tag, 0, n);
  const w1 = mixSeed(seed, tag, 1, n);
  const w2 = mixSeed(seed, tag, 2, n);
  const a = hex(w1);
  const b = hex(w2);
  const variant = '89ab'[w1 >>> 30]!;
  return `${time.slice(0, 8)}-${time.slice(8)}-7${a.slice(2, 5)}-${variant}${b.slice(0, 3)}-${hex(w0)}${b.slice(3, 7)}`;
}

// Seeded hashing and a small PRNG. Every random draw in the model comes from a stream seeded by a
// hash of (fleet seed, function, minute, purpose), so any minute can be computed on its own, in any
// order, and always gives the same numbers.

/** One murmur3 mixing round: folds a 32-bit value into a running hash. */
export function mix32(hash: number, value: number): number {
  let k = Math.imul(value | 0, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  let h = (hash ^ k) | 0;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** murmur3 finaliser: spreads every input bit over the output. Returns an unsigned 32-bit integer. */
export function fmix32(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return fmix32(h);
}

export function hash4(a: number, b: number, c: number, d: number): number {
  return fmix32(mix32(mix32(mix32(mix32(0x9e3779b9, a), b), c), d));
}

/** A uniform in [0, 1) from four integers, for one-off draws that need no stream. */
export function uniform4(a: number, b: number, c: number, d: number): number {
  return hash4(a, b, c, d) / 4294967296;
}

const NORMAL_TABLE_SIZE = 8192;
/** NORMAL_TABLE[i] = Φ⁻¹((i + 0.5) / 8192), one extra entry so interpolation at the top stays in range. */
const NORMAL_TABLE = buildNormalTable();

function buildNormalTable(): Float64Array {
  const table = new Float64Array(NORMAL_TABLE_SIZE + 1);
  for (let i = 0; i <= NORMAL_TABLE_SIZE; i++) table[i] = inverseNormalCdf(Math.min(i + 0.5, NORMAL_TABLE_SIZE - 0.5) / NORMAL_TABLE_SIZE);
  return table;
}

/** Acklam's rational approximation of the standard normal quantile (relative error < 1.2e-9). */
export function inverseNormalCdf(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) => (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

const lognormalTables = new Map<number, Float64Array>();

/**
 * Quantile table of the lognormal factor exp(sigma·Z) (median 1), cached by sigma: the generator
 * draws two of these per invocation, and a look-up is several times cheaper than Math.exp.
 */
export function lognormalTable(sigma: number): Float64Array {
  let table = lognormalTables.get(sigma);
  if (!table) {
    table = NORMAL_TABLE.map((z) => Math.exp(sigma * z));
    lognormalTables.set(sigma, table);
  }
  return table;
}

/**
 * xorshift32 with a multiplied output (xorshift*): a few integer ops per draw, which matters at
 * ~6 draws per invocation and millions of invocations per query; the multiply fixes xorshift's
 * weak low bits. The state is one non-zero integer.
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed | 0 || 0x6d2b79f5;
  }

  reseed(seed: number): void {
    this.state = seed | 0 || 0x6d2b79f5;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x;
    return (Math.imul(x, 0x9e3779bb) >>> 0) / 4294967296;
  }

  /**
   * Standard normal by table look-up of the inverse CDF with linear interpolation: one uniform per
   * draw and no transcendental calls, which is most of the generator's speed. Tails are cut at
   * about ±3.8 (the 1/16384 quantile), far beyond the p99.9 anything here reads.
   */
  normal(): number {
    const scaled = this.next() * NORMAL_TABLE_SIZE;
    const i = scaled | 0;
    return NORMAL_TABLE[i] + (NORMAL_TABLE[i + 1] - NORMAL_TABLE[i]) * (scaled - i);
  }

  /** A draw from a quantile table (see quantileTable): interpolated, one uniform, no Math.exp. */
  fromTable(table: Float64Array): number {
    const scaled = this.next() * NORMAL_TABLE_SIZE;
    const i = scaled | 0;
    return table[i] + (table[i + 1] - table[i]) * (scaled - i);
  }

  /** Poisson count: exact (Knuth) for small means, normal approximation above 30 where it is close. */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let count = 0;
    let product = this.next();
    while (product > limit) {
      count++;
      product *= this.next();
    }
    return count;
  }
}

/** Rounds x to an integer so that the expected value is x (keeps small expected counts unbiased). */
export function stochasticRound(x: number, u: number): number {
  const whole = Math.floor(x);
  return whole + (u < x - whole ? 1 : 0);
}

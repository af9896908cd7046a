/**
 * A small seeded pseudo-random generator: a 32-bit state advanced by a Weyl step and scrambled with
 * multiply–xorshift rounds. Not cryptographic; fast, tiny, and identical on every JavaScript engine,
 * so a seed reproduces the same cluster in Node and in the browser.
 */
export class Random {
  private state: number;

  /** @param seed any number; non-integers and negatives are folded into 32 bits. */
  constructor(seed: number) {
    this.state = foldSeed(seed);
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x9e3779b9) | 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z ^= z >>> 16;
    return (z >>> 0) / 4294967296;
  }

  /** An integer in [0, maxExclusive). */
  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  /** A float in [min, max). */
  range(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A standard normal sample (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** Fisher–Yates shuffle, in place; returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }

  /** An independent generator derived from this one's next output and a label. */
  fork(label: number): Random {
    return new Random((this.next() * 4294967296) ^ Math.imul(label + 1, 0x27d4eb2d));
  }
}

function foldSeed(seed: number): number {
  if (!Number.isFinite(seed)) return 0x2545f491;
  const whole = Math.floor(Math.abs(seed));
  // Mix the high part in so seeds above 2^32 still differ.
  return (whole ^ Math.floor(whole / 4294967296) ^ (seed < 0 ? 0x5bd1e995 : 0)) | 0;
}

/** Creates a generator; the same seed always yields the same sequence. */
export function createRandom(seed: number): Random {
  return new Random(seed);
}

import type { ScenarioProfile } from './presets.js';
import type { Random } from './random.js';

/** Time constant of the smoothed rates, in ms: about one metrics interval of the real server. */
export const RATE_SMOOTHING_MS = 2000;

/** One simulated topic: partition log-end offsets growing at a varying produce rate. */
export class SimTopic {
  readonly name: string;
  readonly partitions: number;
  /** Log-end offset of each partition (integers). */
  readonly logEnd: Float64Array;
  /** Share of the topic's traffic each partition gets; sums to 1. */
  readonly weight: Float64Array;
  /** Messages per second around which the rate varies. */
  readonly baseRate: number;
  /** Mean size of one message in bytes. */
  readonly bytesPerMessage: number;
  /** Messages in the log (sum of log-end offsets). */
  totalMessages = 0;
  /** Bytes in the log. */
  totalBytes = 0;
  /** Messages produced / fetched since the (simulated) server started, and their bytes. */
  produced = 0;
  producedBytes = 0;
  fetched = 0;
  fetchedBytes = 0;
  /** Messages written since the topic appeared (never reset). */
  written = 0;
  /** Smoothed messages per second. */
  produceRate = 0;
  fetchRate = 0;
  /** Produce rate used by the last step, messages per second. */
  instantRate = 0;
  /** Whether a burst is under way. */
  bursting = false;

  private readonly carry: Float64Array;
  private readonly slowPeriod: number;
  private readonly fastPeriod: number;
  private readonly slowPhase: number;
  private readonly fastPhase: number;
  private noise = 0;
  private burstUntil = 0;
  private burstFactor = 1;
  private stepFetched = 0;

  /**
   * @param history when true the topic starts with days of data already in its log; a topic created at
   * run time starts empty.
   */
  constructor(name: string, partitions: number, random: Random, now: number, history: boolean) {
    this.name = name;
    this.partitions = partitions;
    this.logEnd = new Float64Array(partitions);
    this.carry = new Float64Array(partitions);
    this.weight = new Float64Array(partitions);
    this.baseRate = 10 ** random.range(0.5, 3.3);
    this.bytesPerMessage = Math.round(10 ** random.range(2, 3.6));
    this.slowPeriod = random.range(90_000, 420_000);
    this.fastPeriod = random.range(8_000, 30_000);
    this.slowPhase = random.range(0, 2 * Math.PI);
    this.fastPhase = random.range(0, 2 * Math.PI);

    let sum = 0;
    for (let p = 0; p < partitions; p++) {
      // Keyed producers skew traffic: a few partitions run hot.
      const w = random.range(0.6, 1.4) * (random.chance(0.1) ? 3 : 1);
      this.weight[p] = w;
      sum += w;
    }
    const seconds = history ? 10 ** random.range(3.3, 5.3) : 0;
    for (let p = 0; p < partitions; p++) {
      this.weight[p] /= sum;
      this.logEnd[p] = Math.floor(this.baseRate * seconds * this.weight[p]);
      this.totalMessages += this.logEnd[p];
    }
    this.totalBytes = this.totalMessages * this.bytesPerMessage;
    this.produceRate = this.rateAt(now);
  }

  /** The produce rate the topic aims for at model time `now`, before bursts and noise. */
  rateAt(now: number, amplitude = 0.35): number {
    const wave =
      1 +
      amplitude * Math.sin((2 * Math.PI * now) / this.slowPeriod + this.slowPhase) +
      (amplitude / 3) * Math.sin((2 * Math.PI * now) / this.fastPeriod + this.fastPhase);
    return this.baseRate * Math.max(0.05, wave);
  }

  /** Produces for `dt` ms ending at `now`; returns the number of messages written. */
  produce(now: number, dt: number, random: Random, profile: ScenarioProfile): number {
    if (this.bursting && now >= this.burstUntil) {
      this.bursting = false;
      this.burstFactor = 1;
    }
    if (!this.bursting && random.chance(dt / 1000 / profile.burstGap)) {
      this.bursting = true;
      this.burstFactor = random.range(profile.burstFactor[0], profile.burstFactor[1]);
      this.burstUntil = now + 1000 * random.range(profile.burstLength[0], profile.burstLength[1]);
    }
    this.noise = this.noise * 0.85 + 0.15 * 0.2 * random.normal();
    const rate = this.rateAt(now, profile.waveAmplitude) * this.burstFactor * Math.max(0.2, 1 + this.noise);
    this.instantRate = rate;

    const budget = (rate * dt) / 1000;
    let written = 0;
    for (let p = 0; p < this.partitions; p++) {
      const c = this.carry[p] + budget * this.weight[p];
      const k = Math.floor(c);
      this.carry[p] = c - k;
      this.logEnd[p] += k;
      written += k;
    }
    const bytes = written * this.bytesPerMessage;
    this.totalMessages += written;
    this.totalBytes += bytes;
    this.written += written;
    this.produced += written;
    this.producedBytes += bytes;
    this.produceRate += (written / (dt / 1000) - this.produceRate) * smoothing(dt);
    return written;
  }

  /** Counts messages a consumer group read during the current step. */
  addFetched(messages: number): void {
    this.stepFetched += messages;
    this.fetched += messages;
    this.fetchedBytes += messages * this.bytesPerMessage;
  }

  /** Closes the step: folds what was fetched into the smoothed fetch rate; returns the messages fetched. */
  finishStep(dt: number): number {
    const fetched = this.stepFetched;
    this.fetchRate += (fetched / (dt / 1000) - this.fetchRate) * smoothing(dt);
    this.stepFetched = 0;
    return fetched;
  }

  /** Sets the smoothed fetch rate directly, so a fresh model does not ramp up from zero. */
  primeFetchRate(rate: number): void {
    this.fetchRate = rate;
  }

  /** Cumulative counters start again from zero, as after a server restart. */
  resetCounters(): void {
    this.produced = 0;
    this.producedBytes = 0;
    this.fetched = 0;
    this.fetchedBytes = 0;
  }
}

/** Weight of a new sample in an exponential moving average over `dt` ms. */
export function smoothing(dt: number): number {
  return 1 - Math.exp(-dt / RATE_SMOOTHING_MS);
}

import type { Dialect, Latency, MonitoringMetrics } from './protocol.js';

/** Samples looked at before the check gives up: a mistaken dialect shows in the first few. */
const SAMPLES = 8;

/** The takhin "percentiles" are the mean × 0.8 / 1.5 / 2.0: p95/p50 = 1.875 and p99/p50 = 2.5. */
function looksEstimated(p50: number, p95: number, p99: number): boolean {
  return p50 > 0 && Math.abs(p95 / p50 - 1.875) < 1e-6 && Math.abs(p99 / p50 - 2.5) < 1e-6;
}

function latencyValues(l: Latency): number[] {
  return [l.produceP50, l.produceP95, l.produceP99, l.fetchP50, l.fetchP95, l.fetchP99].filter((v) => v > 0);
}

/**
 * Watches the first samples for numbers that contradict the chosen dialect, and says so once: cumulative
 * counters or second-valued latency read as `spec`, or per-second rates and millisecond latency read as
 * `takhin`. A hint for development, never a change of behaviour.
 */
export class DialectCheck {
  readonly #dialect: Dialect;
  #seen = 0;
  #done = false;
  #produce: number[] = [];

  constructor(dialect: Dialect) {
    this.#dialect = dialect;
  }

  /** True once the check has said something or seen enough samples. */
  get done(): boolean {
    return this.#done;
  }

  /** A warning the first time a sample contradicts the dialect, else null. */
  observe(raw: MonitoringMetrics): string | null {
    if (this.#done) return null;
    if (++this.#seen >= SAMPLES) this.#done = true;
    const warning = this.#dialect === 'spec' ? this.#againstSpec(raw) : this.#againstTakhin(raw);
    if (warning !== null) this.#done = true;
    return warning;
  }

  #againstSpec(raw: MonitoringMetrics): string | null {
    const l = raw.latency;
    if (
      looksEstimated(l.produceP50, l.produceP95, l.produceP99) ||
      looksEstimated(l.fetchP50, l.fetchP95, l.fetchP99)
    ) {
      return "takhin-react: latency percentiles are exactly mean × 0.8 / 1.5 / 2.0, as the real Takhin server sends them (in seconds), but dialect is 'spec' (milliseconds); use dialect: 'takhin'.";
    }
    this.#produce.push(raw.throughput.produceRate);
    const p = this.#produce;
    if (p.length >= 4) {
      let growing = true;
      for (let i = 1; i < p.length; i++) growing &&= p[i] > p[i - 1];
      const step = (p[p.length - 1] - p[0]) / (p.length - 1);
      if (growing && step > 0 && p[0] > 20 * step) {
        return "takhin-react: throughput.produceRate only ever grows, by small steps of a large value, like a cumulative counter, but dialect is 'spec' (rates per second); use dialect: 'takhin'.";
      }
    }
    return null;
  }

  #againstTakhin(raw: MonitoringMetrics): string | null {
    const values = latencyValues(raw.latency);
    if (values.length > 0 && values.every((v) => v >= 5)) {
      return "takhin-react: latency values of 5 or more would be seconds in dialect 'takhin'; they look like milliseconds: use dialect: 'spec'.";
    }
    this.#produce.push(raw.throughput.produceRate);
    const p = this.#produce;
    let drops = 0;
    for (let i = 1; i < p.length; i++) if (p[i] < p[i - 1] && p[i] > 0) drops++;
    if (drops >= 2) {
      return "takhin-react: throughput.produceRate goes up and down like a rate, but dialect 'takhin' reads it as a cumulative counter; use dialect: 'spec'.";
    }
    return null;
  }
}

/** When and how often the client tries again after a connection ends. */
export interface ReconnectOptions {
  /**
   * Retry at all. With `false` a lost connection ends in `closed` until `reconnect()`.
   * @default true
   */
  enabled: boolean;
  /**
   * Delay before the first retry, in ms.
   * @default 500
   */
  initialDelayMs: number;
  /**
   * Upper bound of any delay, in ms.
   * @default 30000
   */
  maxDelayMs: number;
  /**
   * Growth of the delay per failed attempt.
   * @default 2
   */
  factor: number;
  /**
   * Share of each delay that is randomised (0 = none, 1 = anywhere between 0 and the delay), so that
   * many dashboards do not reconnect to a restarted server in lockstep.
   * @default 0.5
   */
  jitter: number;
  /**
   * Failed attempts in a row after which the client gives up with a `max_retries` error.
   * @default Infinity
   */
  maxRetries: number;
  /**
   * How long a connection must stay open before the attempt count starts again from zero. Without it, a
   * server that accepts and then drops every connection would be retried at the initial delay forever.
   * @default 5000
   */
  minUptimeMs: number;
}

/**
 * Delay before retry number `attempt` (1 for the first retry): capped exponential growth, then a random
 * cut of up to `jitter` of it.
 */
export function backoffDelay(
  attempt: number,
  options: ReconnectOptions,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, attempt - 1);
  const base = Math.min(options.maxDelayMs, options.initialDelayMs * options.factor ** exponent);
  const jitter = Math.min(1, Math.max(0, options.jitter));
  return Math.round(base * (1 - jitter * random()));
}

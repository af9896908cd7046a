import { brief, describeCause, excerptOf, TakhinError } from './errors.js';
import { validateMetrics } from './parse.js';
import type { MonitoringMetrics } from './protocol.js';

/**
 * Fetches `GET /api/monitoring/metrics`, so the dashboard can paint before the first tick, which comes
 * one interval after connecting. The body is ONE document, the bare metrics object: it is never split
 * into lines, so a pretty-printed body works and a newline cannot smuggle in another message.
 *
 * @throws TakhinError `rest_failed` (network, HTTP status), `invalid_json` or `invalid_message` (body).
 */
export async function fetchFirstPaint(
  fetchImpl: typeof fetch,
  url: string,
  signal: AbortSignal,
): Promise<{ metrics: MonitoringMetrics; bytes: number }> {
  let body: string;
  try {
    const response = await fetchImpl(url, { signal });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    body = await response.text();
  } catch (cause) {
    throw new TakhinError(
      'rest_failed',
      process.env.NODE_ENV !== 'production'
        ? `First-paint request failed: ${describeCause(cause)}`
        : brief('rest_failed', describeCause(cause)),
    );
  }
  const excerpt = excerptOf(body);
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (cause) {
    throw new TakhinError(
      'invalid_json',
      process.env.NODE_ENV !== 'production'
        ? `First-paint body: ${describeCause(cause)}`
        : brief('invalid_json', 'first-paint body'),
      { excerpt },
    );
  }
  const problem = validateMetrics(value, 'body');
  if (problem !== null) {
    throw new TakhinError(
      'invalid_message',
      process.env.NODE_ENV !== 'production'
        ? `First-paint body: ${problem}`
        : brief('invalid_message', problem),
      { excerpt },
    );
  }
  return { metrics: value as MonitoringMetrics, bytes: body.length };
}

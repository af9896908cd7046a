import { describeCause } from './errors.js';
import { parseFrame, type ParsedFrame } from './parse.js';

/**
 * Fetches `GET /api/monitoring/metrics` (the bare metrics object) and wraps it as if it were a `metrics`
 * message, so the dashboard can paint before the first tick, which comes one interval after connecting.
 */
export async function fetchFirstPaint(
  fetchImpl: typeof fetch,
  url: string,
): Promise<ParsedFrame & { bytes: number }> {
  let response: Response;
  try {
    response = await fetchImpl(url);
  } catch (cause) {
    throw new Error(describeCause(cause));
  }
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const body = await response.text();
  return { ...parseFrame(`{"type":"metrics","data":${body}}`), bytes: body.length };
}

'use client';
import type { Metrics } from '../core/state.js';

/** Where a view's rates come from, as the store's `metrics.throughputSource` says. */
export type RateSource = Metrics['throughputSource'];

/** Why offsets, spelled out once for every view that shows derived rates. */
export const OFFSETS_EXPLAINED =
  'The server reports 0 for its own throughput counters (the Takhin Console never feeds them), so ' +
  'produce rates come from the growth of the high-water marks and fetch rates from the growth of the ' +
  'committed offsets of the groups the server knows, between two samples.';

/** The "derived from offsets" badge: shown only while the rates are derived, with the reason as its tooltip. */
export function RateSourceBadge({ source }: { source: RateSource | undefined }) {
  if (source !== 'offsets') return null;
  return (
    <span className="takhin-badge" data-kind="source" title={OFFSETS_EXPLAINED}>
      derived from offsets
    </span>
  );
}

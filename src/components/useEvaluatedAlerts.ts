import { useEffect, useRef, useState } from 'react';
import { evaluateLagAlerts } from '../core/lagAlerts.js';
import type { LagAlert, LagAlertRule, LagAlertState } from '../core/lagAlerts.js';
import type { Metrics } from '../core/state.js';

const NONE: LagAlert[] = [];

/**
 * The active alerts of `rules` over whatever metrics a component shows (store or props), one
 * evaluation per metrics object; no rules, no alerts.
 */
export function useEvaluatedAlerts(
  metrics: Metrics | null,
  rules: readonly LagAlertRule[] | undefined,
): LagAlert[] {
  const last = useRef<[Metrics | null, LagAlertState?]>([null]);
  const [alerts, setAlerts] = useState(NONE);
  const active = rules !== undefined && rules.length > 0;
  const latestRules = useRef(rules);
  useEffect(() => {
    latestRules.current = rules;
  });
  useEffect(() => {
    if (!active) last.current = [null];
    if (!active || !metrics || last.current[0] === metrics) return;
    const step = evaluateLagAlerts(latestRules.current ?? [], last.current[1], {
      ...metrics,
      time: metrics.receivedAt,
    });
    last.current = [metrics, step.state];
    setAlerts(step.alerts[0] ? step.alerts : NONE);
  }, [metrics, active]);
  return active ? alerts : NONE;
}

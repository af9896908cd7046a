import { useEffect, useRef, useState } from 'react';
import { evaluateLagAlerts } from '../core/lagAlerts.js';
import type { LagAlert, LagAlertRule, LagAlertState } from '../core/lagAlerts.js';
import type { Metrics } from '../core/state.js';
import { useMetrics } from './useMetrics.js';

/** Callbacks of `useLagAlerts`; each is called once per transition, never replayed on re-render. */
export interface LagAlertHandlers {
  /** An alert became active, or its level changed. */
  onAlert?: (alert: LagAlert) => void;
  /** An alert ended; receives it as it was last active. */
  onResolve?: (alert: LagAlert) => void;
}

const NONE: LagAlert[] = [];

/**
 * Evaluates lag alert `rules` on every metrics sample of the provider's store and returns the active
 * alerts. Rules and handlers may change identity on every render: the latest are used from the next
 * sample on, and the evaluator's state (hysteresis, growth streaks, stuck offsets) is kept.
 */
export function useLagAlerts(rules: readonly LagAlertRule[], handlers?: LagAlertHandlers): LagAlert[] {
  const metrics = useMetrics();
  const latest = useRef({ rules, handlers });
  const last = useRef<[Metrics | null, LagAlertState?]>([null]);
  const [alerts, setAlerts] = useState(NONE);
  useEffect(() => {
    latest.current = { rules, handlers };
  });
  useEffect(() => {
    // StrictMode runs effects twice: one sample is evaluated once.
    if (!metrics || last.current[0] === metrics) return;
    const { rules, handlers } = latest.current;
    const step = evaluateLagAlerts(rules, last.current[1], { ...metrics, time: metrics.receivedAt });
    last.current = [metrics, step.state];
    // The lag of an active alert changes with every sample; with none active, React bails out.
    setAlerts(step.alerts[0] ? step.alerts : NONE);
    step.resolved.forEach((alert) => handlers?.onResolve?.(alert));
    step.raised.forEach((alert) => handlers?.onAlert?.(alert));
  }, [metrics]); // only a new sample re-evaluates
  return alerts;
}

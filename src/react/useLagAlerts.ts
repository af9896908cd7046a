import { useEffect, useRef, useState, type RefObject } from 'react';
import { reportChunkFailure } from '../core/client.js';
import type { evaluateLagAlerts, LagAlert, LagAlertRule, LagAlertState } from '../core/lagAlerts.js';
import type { Metrics } from '../core/state.js';
import { useTakhinClient } from './context.js';
import { useMetrics } from './useMetrics.js';

/** Callbacks of `useLagAlerts`; each is called once per transition, never replayed on re-render. */
export interface LagAlertHandlers {
  /** An alert became active, or its level changed. */
  onAlert?: (alert: LagAlert) => void;
  /** An alert ended; receives it as it was last active. */
  onResolve?: (alert: LagAlert) => void;
}

const NONE: LagAlert[] = [];

type Evaluate = typeof evaluateLagAlerts;

let evaluator: Evaluate | null = null;
let loading: Promise<Evaluate> | null = null;

/**
 * Loads the evaluator once for every hook (a separate chunk); a failed load is tried again by the next
 * sample. Resolves when samples waiting for it have been evaluated (the hooks' own callbacks run first).
 */
export function loadLagAlertEvaluator(): Promise<Evaluate> {
  loading ??= import('./lagAlertEvaluator.js').then(
    (module) => (evaluator = module.evaluateLagAlerts),
    (cause: unknown) => {
      loading = null;
      throw cause;
    },
  );
  return loading;
}

type Latest = { rules: readonly LagAlertRule[]; handlers?: LagAlertHandlers };
type Last = [Metrics | null, LagAlertState?];

/** Evaluates `samples` in order, as the effect would have one by one, calling the handlers. */
function evaluate(
  run: Evaluate,
  samples: readonly Metrics[],
  latest: Latest,
  last: RefObject<Last>,
  setAlerts: (alerts: LagAlert[]) => void,
): void {
  const { rules, handlers } = latest;
  for (const metrics of samples) {
    const step = run(rules, last.current[1], { ...metrics, time: metrics.receivedAt });
    last.current = [metrics, step.state];
    // The lag of an active alert changes with every sample; with none active, React bails out.
    setAlerts(step.alerts[0] ? step.alerts : NONE);
    step.resolved.forEach((alert) => handlers?.onResolve?.(alert));
    step.raised.forEach((alert) => handlers?.onAlert?.(alert));
  }
}

/**
 * Evaluates lag alert `rules` on every metrics sample of the provider's store and returns the active
 * alerts. Rules and handlers may change identity on every render: the latest are used from the next
 * sample on, and the evaluator's state (hysteresis, growth streaks, stuck offsets) is kept. The evaluator
 * is loaded when the first sample comes; samples that arrive meanwhile are evaluated in order once it is.
 */
export function useLagAlerts(rules: readonly LagAlertRule[], handlers?: LagAlertHandlers): LagAlert[] {
  const metrics = useMetrics();
  const client = useTakhinClient();
  const latest = useRef<Latest>({ rules, handlers });
  const last = useRef<Last>([null]);
  /** Samples waiting for the evaluator to load, oldest first. */
  const waiting = useRef<Metrics[]>([]);
  const mounted = useRef(false);
  const [alerts, setAlerts] = useState(NONE);
  useEffect(() => {
    latest.current = { rules, handlers };
  });
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  useEffect(() => {
    const queue = waiting.current;
    // StrictMode runs effects twice: one sample is evaluated once.
    if (!metrics || last.current[0] === metrics || queue[queue.length - 1] === metrics) return;
    if (evaluator && queue.length === 0) {
      evaluate(evaluator, [metrics], latest.current, last, setAlerts);
      return;
    }
    queue.push(metrics);
    if (queue.length > 1) return; // the load is under way
    loadLagAlertEvaluator().then(
      (run) => {
        const samples = queue.splice(0);
        if (mounted.current) evaluate(run, samples, latest.current, last, setAlerts);
      },
      (cause: unknown) => {
        queue.length = 0;
        if (mounted.current) reportChunkFailure(client, 'useLagAlerts', cause);
      },
    );
  }, [metrics, client]); // only a new sample re-evaluates
  return alerts;
}

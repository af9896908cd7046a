'use client';
import { formatCount, formatTime } from './format.js';

/** Spans of history the dashboard's charts can show. */
export const TIME_WINDOWS = {
  '1m': { ms: 60_000, label: '1 min' },
  '5m': { ms: 300_000, label: '5 min' },
  '10m': { ms: 600_000, label: '10 min' },
} as const;

export type TimeWindow = keyof typeof TIME_WINDOWS;

export interface DashboardControlsProps {
  paused: boolean;
  onPausedChange: (paused: boolean) => void;
  timeWindow: TimeWindow;
  onTimeWindowChange: (window: TimeWindow) => void;
  /** Time of the frozen snapshot, ms since the epoch. */
  frozenAt: number;
  /** Samples that arrived since pausing. */
  pending: number;
  locale?: string;
}

/**
 * The dashboard's time-window choice and pause/resume button, with the paused notice. The notice is a
 * sibling of the controls (on a line of its own in the header), so pressing Pause does not move the
 * button.
 */
export function DashboardControls(props: DashboardControlsProps) {
  const { paused, onPausedChange, timeWindow, onTimeWindowChange, frozenAt, pending, locale } = props;
  return (
    <>
      <div className="takhin-dashboard-controls">
        <div className="takhin-segmented" role="group" aria-label="Time window">
          {(Object.keys(TIME_WINDOWS) as TimeWindow[]).map((key) => (
            <button
              key={key}
              type="button"
              className="takhin-button"
              aria-pressed={key === timeWindow}
              onClick={() => onTimeWindowChange(key)}
            >
              {TIME_WINDOWS[key].label}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="takhin-button takhin-pause"
          data-paused={paused ? '' : undefined}
          onClick={() => onPausedChange(!paused)}
        >
          {paused ? 'Resume' : 'Pause'}
        </button>
      </div>
      {paused && (
        <p className="takhin-paused-note" role="status">
          Paused{frozenAt ? ` at ${formatTime(frozenAt, { locale })}` : ''}.{' '}
          {pending > 0
            ? `${formatCount(pending, { locale })} ${pending === 1 ? 'update' : 'updates'} waiting; resume to catch up.`
            : 'No updates since.'}
        </p>
      )}
    </>
  );
}

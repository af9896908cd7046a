import type { LagAlert } from '../core/lagAlerts.js';
import { formatCount, formatDuration, formatTime } from './format.js';
import { cx } from './cx.js';
import type { RootProps } from './types.js';

export interface LagAlertStripProps extends RootProps {
  /** Active alerts, e.g. from `useLagAlerts`; none renders nothing. */
  alerts: readonly LagAlert[];
  /**
   * Called when an alert is chosen; the Dashboard filters its lag table to the alert's group.
   * @default undefined — the alerts are plain text
   */
  onAlertSelect?: (alert: LagAlert) => void;
  /** Locale for numbers and times. @default the runtime's */
  locale?: string;
}

const ICON = { warning: '⚠', critical: '⛔' } as const;

function describe(alert: LagAlert, locale: string | undefined): string {
  const where = [alert.groupId, alert.topic, alert.partition]
    .filter((part) => part !== undefined)
    .join(' / ');
  const behind =
    alert.timeBehindMs === undefined
      ? ''
      : `, ${formatDuration(alert.timeBehindMs / 1000, { locale })} behind`;
  return `${where}: ${alert.rule}, lag ${formatCount(alert.lag, { locale })}${behind}`;
}

/**
 * The active lag alerts as one strip, most severe first: level (icon and word), what, since when.
 * Names from the server are rendered as text.
 */
export function LagAlertStrip(props: LagAlertStripProps) {
  const { alerts, onAlertSelect, locale, theme, className, ...rest } = props;
  if (alerts.length === 0) return null;
  const sorted = [...alerts].sort((a, b) =>
    a.level === b.level ? a.since - b.since : a.level === 'critical' ? -1 : 1,
  );
  return (
    <div
      role="region"
      aria-label="Lag alerts"
      {...rest}
      className={cx('takhin', 'takhin-alert-strip', className)}
      data-theme={theme}
      data-level={sorted[0]!.level}
    >
      <ul className="takhin-alert-list">
        {sorted.map((alert) => {
          const text = describe(alert, locale);
          const body = (
            <>
              <span aria-hidden="true">{ICON[alert.level]}</span> <strong>{alert.level}</strong> {text}{' '}
              <span className="takhin-alert-since">since {formatTime(alert.since, { locale })}</span>
            </>
          );
          return (
            <li key={alert.id} className="takhin-alert" data-level={alert.level}>
              {onAlertSelect ? (
                <button type="button" className="takhin-alert-link" onClick={() => onAlertSelect(alert)}>
                  {body}
                </button>
              ) : (
                body
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

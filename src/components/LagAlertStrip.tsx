import type { LagAlert } from '../core/lagAlerts.js';
import { formatCount, formatDuration, formatTime, plural } from './format.js';
import type { LagVerdict, VerdictGroup } from './lagVerdict.js';
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
  /**
   * A verdict over all groups to show before the alerts (from `lagVerdict`): groups per level, the
   * worst groups and how far behind, stuck partitions.
   * @default undefined — alerts only
   */
  verdict?: LagVerdict | null;
  /**
   * Whether the data the verdict rests on is fresh, stale, frozen by Pause, or absent.
   * @default undefined — not said
   */
  freshness?: 'fresh' | 'stale' | 'paused' | 'none';
  /**
   * Called when a group of the verdict is chosen; the Dashboard filters its lag table to it.
   * @default undefined — names are plain text
   */
  onGroupSelect?: (groupId: string) => void;
  /** Locale for numbers and times. @default the runtime's */
  locale?: string;
}

const ICON = { warning: '⚠', critical: '⛔' } as const;
/** The verdict's marks: the lag table's, drawn by every text font (no emoji needed). */
const MARK = { warning: '⚠\uFE0E', critical: '✖' } as const;
const FRESHNESS = {
  fresh: 'Data fresh',
  stale: 'Data stale: not updating',
  paused: 'Paused: data frozen',
  none: 'No data yet',
} as const;

function behindText(group: VerdictGroup, locale: string | undefined) {
  return Number.isNaN(group.behindSeconds)
    ? 'time behind unknown'
    : group.behindSeconds < 1
      ? '< 1 s behind'
      : `~${formatDuration(group.behindSeconds, { locale })} behind`;
}

interface VerdictProps {
  verdict: LagVerdict;
  freshness?: LagAlertStripProps['freshness'];
  onGroupSelect?: (groupId: string) => void;
  locale?: string;
}

/** The verdict line: levels, the worst groups, stuck partitions, freshness. */
function Verdict({ verdict, freshness, onGroupSelect, locale }: VerdictProps) {
  const options = { locale };
  const { counts, worst } = verdict;
  const level = counts.critical > 0 ? 'critical' : counts.warning > 0 ? 'warning' : 'ok';
  const name = (groupId: string) =>
    onGroupSelect ? (
      <button type="button" className="takhin-alert-link" onClick={() => onGroupSelect(groupId)}>
        <strong>{groupId}</strong>
      </button>
    ) : (
      <strong>{groupId}</strong>
    );
  return (
    <div className="takhin-verdict-strip" data-level={level}>
      <span className="takhin-verdict-part" data-part="levels">
        <span aria-hidden="true">{level === 'ok' ? '✓' : MARK[level]} </span>
        {verdict.groups === 0 ? (
          'No consumer groups'
        ) : (
          <>
            {counts.critical > 0 && (
              <strong data-level="critical">{formatCount(counts.critical, options)} critical</strong>
            )}
            {counts.critical > 0 && ' · '}
            {counts.warning > 0 && (
              <strong data-level="warning">{formatCount(counts.warning, options)} warning</strong>
            )}
            {counts.warning > 0 && ' · '}
            {formatCount(counts.ok, options)} OK{' '}
            <span className="takhin-detail">of {plural(verdict.groups, 'group', 'groups', options)}</span>
          </>
        )}
      </span>
      {worst.length > 0 && (
        <span className="takhin-verdict-part" data-part="worst">
          Most behind:{' '}
          {worst.map((group, i) => (
            <span key={group.groupId} className="takhin-verdict-group" data-level={group.level}>
              {i > 0 && '; '}
              {group.level && <span className="takhin-sr">{group.level}: </span>}
              {name(group.groupId)} {behindText(group, locale)}, lag {formatCount(group.lag, options)}
            </span>
          ))}
        </span>
      )}
      <span className="takhin-verdict-part" data-part="stuck">
        {verdict.stuckPartitions === 0
          ? 'No stuck partition'
          : `${plural(verdict.stuckPartitions, 'partition', 'partitions', options)} stuck (lag, no commit since the previous sample) in ${plural(verdict.stuckGroups, 'group', 'groups', options)}`}
      </span>
      {freshness && (
        <span className="takhin-verdict-part" data-part="freshness" data-freshness={freshness}>
          {FRESHNESS[freshness]}
        </span>
      )}
    </div>
  );
}

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
 * One strip for the on-call view: with a `verdict`, first how many groups are at each level, the worst
 * groups and how far behind, stuck partitions and whether the data is fresh; then the active lag alerts,
 * most severe first: level (icon and word), what, since when. Names from the server are rendered as text.
 */
export function LagAlertStrip(props: LagAlertStripProps) {
  const { alerts, verdict, freshness, onGroupSelect, onAlertSelect, locale, theme, className, ...rest } =
    props;
  if (alerts.length === 0 && !verdict) return null;
  const sorted = [...alerts].sort((a, b) =>
    a.level === b.level ? a.since - b.since : a.level === 'critical' ? -1 : 1,
  );
  const verdictLevel = verdict
    ? verdict.counts.critical > 0
      ? 'critical'
      : verdict.counts.warning > 0
        ? 'warning'
        : 'ok'
    : undefined;
  return (
    <div
      role="region"
      aria-label={verdict ? 'Lag verdict' : 'Lag alerts'}
      {...rest}
      className={cx('takhin', 'takhin-alert-strip', className)}
      data-theme={theme}
      data-level={sorted[0]?.level ?? verdictLevel}
    >
      {verdict && (
        <Verdict verdict={verdict} freshness={freshness} onGroupSelect={onGroupSelect} locale={locale} />
      )}
      {sorted.length > 0 && (
        <ul className="takhin-alert-list" aria-label="Active alerts">
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
      )}
    </div>
  );
}

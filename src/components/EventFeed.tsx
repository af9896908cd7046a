'use client';
import { useMemo } from 'react';
import type { GroupEvent, TopicEvent } from '../core/state.js';
import { formatCount, formatTime, plural } from './format.js';
import { StateMessage } from './StateMessage.js';
import { cx } from './cx.js';
import type { RootProps } from './types.js';
import { select } from '../core/selectors.js';
import { useSource } from '../react/context.js';

export interface EventFeedProps extends RootProps {
  /**
   * Topic events, oldest first. Wins over the provider's store.
   * @default the store's `topicEvents`
   */
  topicEvents?: TopicEvent[];
  /**
   * Group events, oldest first. Wins over the provider's store.
   * @default the store's `groupEvents`
   */
  groupEvents?: GroupEvent[];
  /**
   * Most events listed, newest first.
   * @default 50
   */
  limit?: number;
  /**
   * Title above the list.
   * @default 'Recent events'
   */
  title?: string;
  /** Locale for numbers and times. @default the runtime's */
  locale?: string;
}

/** What kind of change an event is, shown by an icon and a word as well as a colour. */
type Change = 'created' | 'deleted' | 'updated';

const ICONS: Record<Change, string> = { created: '+', deleted: '−', updated: '↻' };
const INFERRED_TITLE = 'No message announced this change: it was seen in the metrics.';

type Item = {
  key: string;
  at: number;
  seq: number;
  type: string;
  change: Change;
  kind: string;
  name: string;
  detail?: string;
  inferred: boolean;
};

const changeOf = (type: string): Change =>
  type.endsWith('_created') ? 'created' : type.endsWith('_deleted') ? 'deleted' : 'updated';

const count = (n: number, one: string, many: string, locale?: string) => plural(n, one, many, { locale });

function describeTopic(event: TopicEvent, locale?: string): Item {
  const change = changeOf(event.type);
  let detail: string | undefined;
  if (change === 'updated' && event.partitions !== undefined) {
    detail =
      event.previousPartitions === undefined
        ? count(event.partitions, 'partition', 'partitions', locale)
        : `partitions ${formatCount(event.previousPartitions, { locale })} → ${formatCount(event.partitions, { locale })}`;
  } else if (change === 'created' && event.partitions !== undefined) {
    detail = count(event.partitions, 'partition', 'partitions', locale);
  }
  return {
    key: `t${event.seq}`,
    at: event.receivedAt,
    seq: event.seq,
    type: event.type,
    change,
    kind: `Topic ${change}`,
    name: event.name,
    detail,
    inferred: event.inferred === true,
  };
}

function describeGroup(event: GroupEvent, locale?: string): Item {
  const change = changeOf(event.type);
  const parts = [
    event.state,
    event.members === undefined ? undefined : count(event.members, 'member', 'members', locale),
  ].filter(Boolean);
  return {
    key: `g${event.seq}`,
    at: event.receivedAt,
    seq: event.seq,
    type: event.type,
    change,
    kind: `Group ${change}`,
    name: event.groupId,
    detail: parts.length ? parts.join(', ') : undefined,
    inferred: event.inferred === true,
  };
}

const NONE: never[] = [];

/**
 * Topic and consumer-group events as they arrive, newest first. Each entry says what changed by an
 * icon and a word (`data-change`: created, deleted, updated); a change no message announced, seen in
 * the metrics instead, is marked "seen in metrics" (`data-inferred`).
 */
export function EventFeed(props: EventFeedProps) {
  const {
    topicEvents: topicProp,
    groupEvents: groupProp,
    limit = 50,
    title = 'Recent events',
    locale,
    theme,
    className,
    ...rest
  } = props;
  const topicEvents = useSource(topicProp, select.topicEvents) ?? NONE;
  const groupEvents = useSource(groupProp, select.groupEvents) ?? NONE;
  const items = useMemo(
    () =>
      // Both lists are oldest first, so the newest `limit` of the feed are among the last `limit` of
      // each: a burst of events only ever describes and sorts that many.
      [
        ...topicEvents.slice(-limit).map((e) => describeTopic(e, locale)),
        ...groupEvents.slice(-limit).map((e) => describeGroup(e, locale)),
      ]
        .sort((a, b) => b.at - a.at || b.seq - a.seq)
        .slice(0, limit),
    [topicEvents, groupEvents, limit, locale],
  );

  return (
    <section
      {...rest}
      className={cx('takhin', 'takhin-panel', 'takhin-events', className)}
      data-theme={theme}
      data-state={items.length ? 'live' : 'empty'}
      aria-label={rest['aria-label'] ?? title}
    >
      <header className="takhin-panel-header">
        <h2 className="takhin-title">{title}</h2>
      </header>
      {items.length === 0 ? (
        <StateMessage kind="empty">
          No topic or group events yet. Creations, deletions and partition changes show up here.
        </StateMessage>
      ) : (
        // Focusable because it scrolls: keyboard users reach the older events with the arrow keys.
        <ol
          className="takhin-feed"
          tabIndex={0}
          aria-label={`${title}, newest first: ${plural(items.length, 'event', 'events', { locale })}`}
        >
          {items.map((item) => (
            <li
              key={item.key}
              className="takhin-feed-item"
              data-kind={item.kind}
              data-type={item.type}
              data-change={item.change}
              data-inferred={item.inferred ? '' : undefined}
            >
              <time dateTime={new Date(item.at).toISOString()}>{formatTime(item.at, { locale })}</time>
              <span className="takhin-feed-icon" aria-hidden="true">
                {ICONS[item.change]}
              </span>
              <span className="takhin-feed-kind">{item.kind}</span>
              <span className="takhin-name-text">{item.name}</span>
              {item.detail && <span className="takhin-detail">{item.detail}</span>}
              {item.inferred && (
                <span className="takhin-feed-inferred" title={INFERRED_TITLE}>
                  seen in metrics
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

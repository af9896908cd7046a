'use client';
import { useMemo } from 'react';
import type { GroupEvent, TopicEvent } from '../core/state.js';
import { formatCount, formatTime } from './format.js';
import { StateMessage } from './StateMessage.js';
import { cx } from './types.js';
import type { RootProps } from './types.js';
import { select, useSource } from './useSource.js';

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

type Item = { key: string; at: number; seq: number; kind: string; name: string; detail?: string };

function describeTopic(event: TopicEvent, locale?: string): Item {
  const created = event.type === 'topic_created';
  const detail =
    created && event.partitions !== undefined
      ? `${formatCount(event.partitions, { locale })} ${event.partitions === 1 ? 'partition' : 'partitions'}`
      : undefined;
  const kind = created ? 'Topic created' : 'Topic deleted';
  return { key: `t${event.seq}`, at: event.receivedAt, seq: event.seq, kind, name: event.name, detail };
}

function describeGroup(event: GroupEvent, locale?: string): Item {
  const kind = {
    group_updated: 'Group updated',
    group_created: 'Group created',
    group_deleted: 'Group deleted',
  }[event.type];
  const parts = [
    event.state,
    event.members === undefined
      ? undefined
      : `${formatCount(event.members, { locale })} ${event.members === 1 ? 'member' : 'members'}`,
  ].filter(Boolean);
  return {
    key: `g${event.seq}`,
    at: event.receivedAt,
    seq: event.seq,
    kind,
    name: event.groupId,
    detail: parts.length ? parts.join(', ') : undefined,
  };
}

const NONE: never[] = [];

/** Topic and consumer-group events as they arrive, newest first. */
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
          No topic or group events yet. Creations and deletions show up here.
        </StateMessage>
      ) : (
        // Focusable because it scrolls: keyboard users must be able to reach the older events.
        <ol className="takhin-feed" tabIndex={0}>
          {items.map((item) => (
            <li key={item.key} className="takhin-feed-item" data-kind={item.kind}>
              <time dateTime={new Date(item.at).toISOString()}>{formatTime(item.at, { locale })}</time>
              <span className="takhin-feed-kind">{item.kind}</span>
              <span className="takhin-name-text">{item.name}</span>
              {item.detail && <span className="takhin-detail">{item.detail}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

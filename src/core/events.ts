import { EVENT_FIELDS } from './parse.js';
import type { GroupState, ServerMessage } from './protocol.js';
import type { GroupEvent, TopicEvent } from './state.js';

/** The events one batch of messages yields, and the sequence number the next batch starts from. */
export interface BatchEvents {
  topicEvents: TopicEvent[];
  groupEvents: GroupEvent[];
  nextSeq: number;
}

/**
 * The events of one batch as the store applies it, numbered in order from `nextSeq` (one counter shared
 * by topic and group events): those the messages announce, and those inferred from the metrics.
 */
export class EventLog implements BatchEvents {
  readonly topicEvents: TopicEvent[] = [];
  readonly groupEvents: GroupEvent[] = [];

  constructor(
    public nextSeq: number,
    readonly receivedAt: number,
  ) {}

  /**
   * Appends the event a topic or group message announces; other message types are skipped.
   * `timestamp` is present only when the message carried one (the quick reference omits it).
   */
  addMessage(message: ServerMessage): void {
    const fields = Object.hasOwn(EVENT_FIELDS, message.type) ? EVENT_FIELDS[message.type] : undefined;
    if (fields === undefined) return;
    const event: Record<string, unknown> = { seq: this.nextSeq++, type: message.type };
    const data = message.data as Record<string, unknown>;
    for (const [field] of fields) event[field] = data[field];
    event.receivedAt = this.receivedAt;
    if (message.timestamp !== undefined) event.timestamp = message.timestamp;
    if (message.type.startsWith('topic')) this.topicEvents.push(event as unknown as TopicEvent);
    else this.groupEvents.push(event as unknown as GroupEvent);
  }

  /** Appends a topic change seen in the metrics that no message announced. */
  inferTopic(type: TopicEvent['type'], name: string, partitions?: number, previousPartitions?: number): void {
    const event: TopicEvent = {
      seq: this.nextSeq++,
      type,
      name,
      inferred: true,
      receivedAt: this.receivedAt,
    };
    if (partitions !== undefined) event.partitions = partitions;
    if (previousPartitions !== undefined) event.previousPartitions = previousPartitions;
    this.topicEvents.push(event);
  }

  /** Appends a group change seen in the metrics (or a REST poll) that no message announced. */
  inferGroup(type: GroupEvent['type'], groupId: string, state?: GroupState, members?: number): void {
    const event: GroupEvent = {
      seq: this.nextSeq++,
      type,
      groupId,
      inferred: true,
      receivedAt: this.receivedAt,
    };
    if (state !== undefined) event.state = state;
    if (members !== undefined) event.members = members;
    this.groupEvents.push(event);
  }
}

/**
 * Turns the topic and group messages of a batch into events, numbered from `firstSeq` in message order.
 * Pure and deterministic: the same inputs always give equal events.
 */
export function eventsFromMessages(
  messages: readonly ServerMessage[],
  firstSeq: number,
  receivedAt: number,
): BatchEvents {
  const log = new EventLog(firstSeq, receivedAt);
  for (let i = 0; i < messages.length; i++) log.addMessage(messages[i]);
  return { topicEvents: log.topicEvents, groupEvents: log.groupEvents, nextSeq: log.nextSeq };
}

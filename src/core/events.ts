import { EVENT_FIELDS } from './eventFields.js';
import type { ServerMessage } from './protocol.js';
import type { GroupEvent, TopicEvent } from './state.js';

/** The events one batch of messages yields, and the sequence number the next batch starts from. */
export interface BatchEvents {
  topicEvents: TopicEvent[];
  groupEvents: GroupEvent[];
  nextSeq: number;
}

/**
 * Turns the topic and group messages of a batch into events, numbered from `firstSeq` in message order
 * (one counter shared by topic and group events). Other message types are skipped.
 *
 * Pure and deterministic: the same inputs always give equal events. The store numbers a batch from
 * `state.nextSeq` before it applies it, so a client that calls this with the same messages, the same
 * `nextSeq` and the same `receivedAt` hands its handlers exactly the events the store recorded, even those
 * already pushed out of the bounded buffer.
 *
 * `timestamp` is present on an event only when the message carried one (the quick reference omits it).
 */
export function eventsFromMessages(
  messages: readonly ServerMessage[],
  firstSeq: number,
  receivedAt: number,
): BatchEvents {
  const topicEvents: TopicEvent[] = [];
  const groupEvents: GroupEvent[] = [];
  let seq = firstSeq;
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i];
    const fields = Object.hasOwn(EVENT_FIELDS, message.type) ? EVENT_FIELDS[message.type] : undefined;
    if (fields === undefined) continue;
    const event: Record<string, unknown> = { seq: seq++, type: message.type };
    const data = message.data as Record<string, unknown>;
    for (const [field] of fields) event[field] = data[field];
    event.receivedAt = receivedAt;
    if (message.timestamp !== undefined) event.timestamp = message.timestamp;
    if (message.type.startsWith('topic')) topicEvents.push(event as unknown as TopicEvent);
    else groupEvents.push(event as unknown as GroupEvent);
  }
  return { topicEvents, groupEvents, nextSeq: seq };
}

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
    switch (message.type) {
      case 'topic_created': {
        const event: TopicEvent = {
          seq: seq++,
          type: 'topic_created',
          name: message.data.name,
          partitions: message.data.partitions,
          receivedAt,
        };
        if (message.timestamp !== undefined) event.timestamp = message.timestamp;
        topicEvents.push(event);
        break;
      }
      case 'topic_deleted': {
        const event: TopicEvent = { seq: seq++, type: 'topic_deleted', name: message.data.name, receivedAt };
        if (message.timestamp !== undefined) event.timestamp = message.timestamp;
        topicEvents.push(event);
        break;
      }
      case 'group_updated': {
        const event: GroupEvent = {
          seq: seq++,
          type: 'group_updated',
          groupId: message.data.groupId,
          state: message.data.state,
          members: message.data.members,
          receivedAt,
        };
        if (message.timestamp !== undefined) event.timestamp = message.timestamp;
        groupEvents.push(event);
        break;
      }
      case 'group_created':
      case 'group_deleted': {
        const event: GroupEvent = {
          seq: seq++,
          type: message.type,
          groupId: message.data.groupId,
          receivedAt,
        };
        if (message.timestamp !== undefined) event.timestamp = message.timestamp;
        groupEvents.push(event);
        break;
      }
      default:
        break;
    }
  }
  return { topicEvents, groupEvents, nextSeq: seq };
}

import { describe, expect, it } from 'vitest';
import { eventsFromMessages } from '../../src/core/events.js';
import { parseFrame } from '../../src/core/parse.js';
import {
  envelope,
  frame,
  groupUpdated,
  makeMetrics,
  metricsMessage,
  pong,
  topicCreated,
  topicDeleted,
} from './fixtures.js';

const messagesOf = (...items: object[]) => parseFrame(frame(...items)).messages;

describe('eventsFromMessages', () => {
  it('numbers topic and group events from firstSeq in message order, with one shared counter', () => {
    const messages = messagesOf(
      topicCreated('a', 3, 100),
      metricsMessage(makeMetrics()),
      groupUpdated('g', 'Stable', 2),
      pong(),
      topicDeleted('a'),
      envelope('group_created', { groupId: 'h' }, 101),
      envelope('group_deleted', { groupId: 'h' }, undefined),
    );
    const result = eventsFromMessages(messages, 41, 9000);
    expect(result.nextSeq).toBe(46);
    expect(result.topicEvents).toEqual([
      { seq: 41, type: 'topic_created', name: 'a', partitions: 3, timestamp: 100, receivedAt: 9000 },
      { seq: 43, type: 'topic_deleted', name: 'a', receivedAt: 9000 },
    ]);
    expect(result.groupEvents).toEqual([
      { seq: 42, type: 'group_updated', groupId: 'g', state: 'Stable', members: 2, receivedAt: 9000 },
      { seq: 44, type: 'group_created', groupId: 'h', timestamp: 101, receivedAt: 9000 },
      { seq: 45, type: 'group_deleted', groupId: 'h', receivedAt: 9000 },
    ]);
  });

  it('leaves timestamp out when the message had none', () => {
    const { topicEvents, groupEvents } = eventsFromMessages(
      messagesOf(topicCreated('a', 1), groupUpdated('g', 'Dead', 0)),
      1,
      0,
    );
    expect('timestamp' in topicEvents[0]).toBe(false);
    expect('timestamp' in groupEvents[0]).toBe(false);
    expect(groupEvents[0].state).toBe('Dead');
  });

  it('is deterministic: the same inputs give equal events', () => {
    const messages = messagesOf(topicCreated('a', 1), topicDeleted('a'), groupUpdated('g', 'Empty', 0));
    expect(eventsFromMessages(messages, 7, 123)).toEqual(eventsFromMessages(messages, 7, 123));
  });

  it('yields nothing and keeps the sequence for batches without events', () => {
    expect(eventsFromMessages(messagesOf(pong(), metricsMessage(makeMetrics())), 5, 0)).toEqual({
      topicEvents: [],
      groupEvents: [],
      nextSeq: 5,
    });
    expect(eventsFromMessages([], 1, 0).nextSeq).toBe(1);
  });
});

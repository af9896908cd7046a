import { GROUP_STATES } from './protocol.js';
import type { GroupState } from './protocol.js';

/**
 * What an event field must hold: a name (a string of at most {@link MAX_NAME_LENGTH} characters), a
 * count (a whole number ≥ 0), or one of {@link GROUP_STATES}.
 */
export type FieldKind = 'name' | 'count' | 'state';

/**
 * Longest topic or group name accepted, in UTF-16 code units. Kafka allows 249 characters for topics;
 * the margin covers other servers, while a 10 MB name cannot reach the store and every view.
 */
export const MAX_NAME_LENGTH = 1024;

/**
 * The fields of each topic and group event payload, in the order they are checked, copied into the
 * message and copied into the event.
 */
export const EVENT_FIELDS: Readonly<Record<string, ReadonlyArray<readonly [string, FieldKind]>>> = {
  topic_created: [
    ['name', 'name'],
    ['partitions', 'count'],
  ],
  topic_deleted: [['name', 'name']],
  group_updated: [
    ['groupId', 'name'],
    ['state', 'state'],
    ['members', 'count'],
  ],
  group_created: [['groupId', 'name']],
  group_deleted: [['groupId', 'name']],
};

// `v - v === 0` is false for NaN and ±Infinity (JSON.parse turns 1e400 into Infinity).
export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && value - value === 0;
}

export function isName(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_NAME_LENGTH;
}

export function hasKind(value: unknown, kind: FieldKind): boolean {
  if (kind === 'name') return isName(value);
  if (kind === 'count') return Number.isSafeInteger(value) && (value as number) >= 0;
  return GROUP_STATES.includes(value as GroupState);
}

export function describeKind(kind: FieldKind): string {
  if (kind === 'name') return NAME_RULE;
  if (kind === 'count') return 'a whole number ≥ 0';
  return `one of ${GROUP_STATES.join(', ')}`;
}

export const NAME_RULE = `a string of at most ${MAX_NAME_LENGTH} characters`;

import { GROUP_STATES } from './protocol.js';
import type { GroupState } from './protocol.js';

/** What an event field must hold: a string, a finite number, or one of {@link GROUP_STATES}. */
export type FieldKind = 'string' | 'number' | 'state';

/**
 * The fields of each topic and group event payload, in the order they are checked, copied into the
 * message and copied into the event.
 */
export const EVENT_FIELDS: Readonly<Record<string, ReadonlyArray<readonly [string, FieldKind]>>> = {
  topic_created: [
    ['name', 'string'],
    ['partitions', 'number'],
  ],
  topic_deleted: [['name', 'string']],
  group_updated: [
    ['groupId', 'string'],
    ['state', 'state'],
    ['members', 'number'],
  ],
  group_created: [['groupId', 'string']],
  group_deleted: [['groupId', 'string']],
};

// `v - v === 0` is false for NaN and ±Infinity (JSON.parse turns 1e400 into Infinity).
export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && value - value === 0;
}

export function hasKind(value: unknown, kind: FieldKind): boolean {
  if (kind === 'string') return typeof value === 'string';
  if (kind === 'number') return isFiniteNumber(value);
  return GROUP_STATES.includes(value as GroupState);
}

export function describeKind(kind: FieldKind): string {
  if (kind === 'string') return 'a string';
  if (kind === 'number') return 'a finite number';
  return `one of ${GROUP_STATES.join(', ')}`;
}

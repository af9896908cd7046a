import type { LagValues } from './state.js';

const indexes = new WeakMap<readonly string[], Map<string, number>>();

/** Position of every key; built once per keys array, which successive samples share. */
export function indexOf(keys: readonly string[]): Map<string, number> {
  let index = indexes.get(keys);
  if (index === undefined) {
    index = new Map();
    for (let i = 0; i < keys.length; i++) index.set(keys[i], i);
    indexes.set(keys, index);
  }
  return index;
}

/** The lag of `key` in one sample's column (a group id, or `lagKey(groupId, topic)`), or undefined. */
export function sampleLag(column: LagValues, key: string): number | undefined {
  const i = indexOf(column.keys).get(key);
  return i === undefined ? undefined : column.values[i];
}

/**
 * A column from a record or entries, for building a history by hand (stories, tests, a history kept
 * elsewhere and passed to a component's `history` prop).
 */
export function lagValues(entries: Record<string, number> | Iterable<readonly [string, number]>): LagValues {
  const pairs = Symbol.iterator in entries ? [...entries] : Object.entries(entries);
  // A repeated key keeps its first place and its last value, as a record would.
  const byKey = new Map<string, number>(pairs);
  return { keys: [...byKey.keys()], values: Float64Array.from(byKey.values()) };
}

/** Entries of a column, in its order: for inspecting a sample (`Object.fromEntries(lagEntries(…))`). */
export function lagEntries(column: LagValues): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  for (let i = 0; i < column.keys.length; i++) out.push([column.keys[i], column.values[i]]);
  return out;
}

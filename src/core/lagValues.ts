import type { LagValues } from './state.js';

const indexes = new WeakMap<readonly string[], Map<string, number>>();

/** Position of every key; built once per keys array, which successive samples share. */
function indexOf(keys: readonly string[]): Map<string, number> {
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
  const keys: string[] = [];
  const values = new Float64Array(pairs.length);
  const seen = new Map<string, number>();
  for (const [key, value] of pairs) {
    const at = seen.get(key);
    if (at !== undefined) {
      values[at] = value;
      continue;
    }
    seen.set(key, keys.length);
    values[keys.length] = value;
    keys.push(key);
  }
  return { keys, values: keys.length === values.length ? values : values.slice(0, keys.length) };
}

/** Entries of a column, in its order: for inspecting a sample (`Object.fromEntries(lagEntries(…))`). */
export function lagEntries(column: LagValues): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  for (let i = 0; i < column.keys.length; i++) out.push([column.keys[i], column.values[i]]);
  return out;
}

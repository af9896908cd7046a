/**
 * Copy-on-write edits of the `topics` or `groups` record during one batch: the state's record is copied
 * once, at the first edit, and the copy is then edited in place until the batch is published.
 */
export interface RecordEdits<T> {
  /** The record as edited so far. */
  record: Record<string, T>;
  /** The record the batch started from. */
  readonly original: Record<string, T>;
  /**
   * Keys edited since `record` was copied from `original`, so that "did the batch change anything?" is
   * answered in proportion to the edits; null once metrics rebuilt the record.
   */
  edited: string[] | null;
  /**
   * `record` is known to hold other entries than `original` (metrics rebuilt the original itself), so
   * publishing needs no comparison of every key; any later edit clears it.
   */
  differs: boolean;
}

export function startEdits<T>(original: Record<string, T>): RecordEdits<T> {
  return { record: original, original, edited: [], differs: false };
}

/** Sets (or, with undefined, deletes) one entry. */
export function editEntry<T>(edits: RecordEdits<T>, key: string, value: T | undefined): void {
  if (edits.record === edits.original) {
    edits.record = Object.assign(Object.create(null) as Record<string, T>, edits.original);
  }
  if (value === undefined) delete edits.record[key];
  else edits.record[key] = value;
  edits.edited?.push(key);
  edits.differs = false;
}

/**
 * Takes a record rebuilt from metrics: the current record itself when no entry differed, else a new
 * object (`reconcileTopics` and `reconcileGroups` return a new one only when some entry differs).
 */
export function replaceRecord<T>(edits: RecordEdits<T>, next: Record<string, T>): void {
  if (next === edits.record) return;
  edits.differs = edits.record === edits.original;
  edits.record = next;
  edits.edited = null;
}

/**
 * Whether `next` holds the same entries as `before`. `edited` lists the only keys that can differ (when
 * `next` is a copy of `before` edited at those keys), so the check grows with the edits, not the record;
 * null means `next` was rebuilt and every key is compared.
 */
function sameEntries<T>(
  next: Record<string, T>,
  before: Record<string, T>,
  edited: readonly string[] | null = null,
): boolean {
  if (edited !== null) {
    for (let i = 0; i < edited.length; i++) if (next[edited[i]] !== before[edited[i]]) return false;
    return true;
  }
  const keys = Object.keys(next);
  if (keys.length !== Object.keys(before).length) return false;
  for (let i = 0; i < keys.length; i++) if (next[keys[i]] !== before[keys[i]]) return false;
  return true;
}

/** The record to publish: the original itself when the batch left every entry as it was. */
export function finishEdits<T>(edits: RecordEdits<T>): Record<string, T> {
  const { record, original, edited } = edits;
  if (record === original || edits.differs) return record;
  return sameEntries(record, original, edited) ? original : record;
}

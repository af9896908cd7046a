import { sameEntries } from './reconcile.js';

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
}

export function startEdits<T>(original: Record<string, T>): RecordEdits<T> {
  return { record: original, original, edited: [] };
}

/** Sets (or, with undefined, deletes) one entry. */
export function editEntry<T>(edits: RecordEdits<T>, key: string, value: T | undefined): void {
  if (edits.record === edits.original) {
    edits.record = Object.assign(Object.create(null) as Record<string, T>, edits.original);
  }
  if (value === undefined) delete edits.record[key];
  else edits.record[key] = value;
  edits.edited?.push(key);
}

/** Takes a record rebuilt from metrics (a new object, or the current record when nothing differed). */
export function replaceRecord<T>(edits: RecordEdits<T>, next: Record<string, T>): void {
  if (next === edits.record) return;
  edits.record = next;
  edits.edited = null;
}

/** The record to publish: the original itself when the batch left every entry as it was. */
export function finishEdits<T>(edits: RecordEdits<T>): Record<string, T> {
  const { record, original, edited } = edits;
  return record !== original && sameEntries(record, original, edited) ? original : record;
}

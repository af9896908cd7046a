/** A CSV cell: text as is, numbers in plain decimal, null and undefined empty. */
export type CsvValue = string | number | boolean | null | undefined;

/** First characters with which a spreadsheet would read a cell as a formula (or hide one after a tab / CR). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field per RFC 4180: quoted when it holds a comma, a quote, CR or LF, with quotes doubled.
 * Text that starts with `=`, `+`, `-`, `@`, a tab or CR is prefixed with `'` so that a spreadsheet shows
 * it instead of running it as a formula (names come from the server); numbers are never prefixed, so a
 * negative number stays a number.
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows (the first usually the header) as CSV text: fields per `csvField`, CRLF after every row. */
export function toCsv(rows: Iterable<readonly CsvValue[]>): string {
  let out = '';
  for (const row of rows) out += `${row.map(csvField).join(',')}\r\n`;
  return out;
}

/** Offers CSV text as a file download (a Blob behind an object URL, clicked through `<a download>`). */
export function downloadCsv(filename: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  // Revoked on the next task: revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

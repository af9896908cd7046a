import { afterEach, describe, expect, it, vi } from 'vitest';
import { csvField, downloadCsv, toCsv } from '../../src/components/index.js';

describe('toCsv', () => {
  it('quotes per RFC 4180 and ends every row with CRLF', () => {
    expect(
      toCsv([
        ['a', 'b,c', 'say "hi"', 'line\nbreak', 'cr\rhere'],
        [1, -2.5, null, undefined, true],
      ]),
    ).toBe('a,"b,c","say ""hi""","line\nbreak","cr\rhere"\r\n1,-2.5,,,true\r\n');
    expect(toCsv([])).toBe('');
  });

  it('neutralises text a spreadsheet would run as a formula', () => {
    expect(csvField("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-x')).toBe("'-x");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField('\r=x')).toBe('"\'\r=x"');
    expect(csvField('=a,"b"')).toBe('"\'=a,""b"""');
    expect(csvField(-3)).toBe('-3');
    expect(csvField('a=b')).toBe('a=b');
  });
});

describe('downloadCsv', () => {
  afterEach(() => vi.restoreAllMocks());

  it('downloads a Blob through an object URL and <a download>', async () => {
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:test';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    downloadCsv('lag.csv', toCsv([['group'], ['=evil']]));
    expect(clicked.map((a) => [a.download, a.href])).toEqual([['lag.csv', 'blob:test']]);
    expect(blobs[0].type).toBe('text/csv;charset=utf-8');
    expect(await blobs[0].text()).toBe("group\r\n'=evil\r\n");
  });
});

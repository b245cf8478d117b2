import { describe, expect, it } from 'vitest';
import { csvRow, parseCsv } from '@/lib/http/csv';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF or LF, and skips empty lines', () => {
    expect(parseCsv('\uFEFFa,b,c\r\n"x, y","say ""hi""","two\nlines"\n\n1,,3')).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\nlines'],
      ['1', '', '3'],
    ]);
  });

  it('reads back what csvRow writes', () => {
    const rows = [
      ['id', 'Li, "Lei"', 'line\r\nbreak'],
      ['2', '', 'plain'],
    ];
    expect(parseCsv(rows.map((r) => csvRow(r)).join(''))).toEqual(rows);
  });

  it('refuses a quote left open instead of reading the file in part', () => {
    expect(parseCsv('a,"b\nc,d')).toBeNull();
    expect(parseCsv('')).toEqual([]);
  });
});

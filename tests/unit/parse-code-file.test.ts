import { describe, expect, it } from 'vitest';
import { parseCodeFile, repeatedCodes } from '@/lib/coupons/parse-code-file';

describe('parseCodeFile', () => {
  it('reads one code a line from a text file, skipping blank lines, whatever the line breaks', () => {
    expect(parseCodeFile('\uFEFFAAA-1\r\n  BBB-2  \n\nCCC,3\rDDD 4\n', 'codes.txt')).toEqual([
      'AAA-1',
      'BBB-2',
      'CCC,3',
      'DDD 4',
    ]);
  });

  it('reads the first column of a CSV, quoted or not, past a "code" header', () => {
    expect(parseCodeFile('code,value\nA1,5\n"B,2",5\n"C ""3""",x\n', 'export.CSV')).toEqual(['A1', 'B,2', 'C "3"']);
  });

  it('keeps control characters for the server to refuse, naming the code', () => {
    expect(parseCodeFile('ok\nbad\u0000code\n')).toEqual(['ok', 'bad\u0000code']);
  });

  it('names the codes repeated in a file', () => {
    expect(repeatedCodes(['a', 'b', 'a', 'c', 'b', 'a'])).toEqual(['a', 'b']);
  });
});

// A coupon code file as operators export it from a shop system: a text file with one code a line,
// or a CSV whose first column holds the code (a header line named "code" is skipped). Blank
// lines are skipped; every other line is a code, checked by the same rules as the API's.

/** The codes of the file, in file order; lines are trimmed. */
export function parseCodeFile(content: string, fileName = ''): string[] {
  const csv = /\.csv$/i.test(fileName);
  const codes: string[] = [];
  for (const raw of content.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/)) {
    const line = csv ? firstCsvField(raw) : raw;
    const code = line.trim();
    if (code === '') continue;
    if (csv && codes.length === 0 && /^"?code"?$/i.test(code)) continue;
    codes.push(code);
  }
  return codes;
}

/** The first field of a CSV line: quoted ("a ""b"",c" → a "b",c) or up to the first comma. */
function firstCsvField(line: string): string {
  const trimmed = line.trimStart();
  if (!trimmed.startsWith('"')) return trimmed.split(',')[0]!;
  let out = '';
  for (let i = 1; i < trimmed.length; i++) {
    const c = trimmed[i]!;
    if (c === '"' && trimmed[i + 1] === '"') {
      out += '"';
      i++;
    } else if (c === '"') return out;
    else out += c;
  }
  return out;
}

/** Codes that appear more than once in the list. */
export function repeatedCodes(codes: string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const c of codes) (seen.has(c) ? repeated : seen).add(c);
  return [...repeated];
}

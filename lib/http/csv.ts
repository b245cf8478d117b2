/**
 * One CSV field. Numbers stay numbers; text that starts with =, +, -, @ (or a tab or CR) is
 * prefixed with ' so a spreadsheet never runs it as a formula; quotes, commas and line breaks
 * are quoted.
 */
function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const s = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(values: (string | number | null | undefined)[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

/**
 * Rows of a CSV text (RFC 4180: quoted fields may hold commas, quotes doubled, line breaks; CRLF
 * or LF between rows; a leading BOM dropped). Empty lines are skipped. Returns null when a quote is
 * left open, so a cut-off file is refused rather than read in part.
 */
export function parseCsv(text: string): string[][] | null {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const endRow = () => {
    row.push(field);
    if (row.length > 1 || row[0] !== '') rows.push(row);
    row = [];
    field = '';
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (s[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      endRow();
    } else field += c;
  }
  if (quoted) return null;
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

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

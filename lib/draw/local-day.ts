// "Today" for free draws and caps is a day in the activity's own time zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

export function localDay(timeZone: string, atMs: number): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f.format(atMs); // en-CA formats as YYYY-MM-DD
}

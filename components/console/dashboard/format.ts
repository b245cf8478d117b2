// Number and time formats of the dashboard, shared by its panels and charts.
const count = new Intl.NumberFormat('en-US');
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

export const formatCount = (n: number) => count.format(n);
export const formatCompact = (n: number) => (Math.abs(n) < 10_000 ? count.format(n) : compact.format(n));
export const formatPercent = (p: number | null, digits = 2) =>
  p === null ? '—' : `${(p * 100).toLocaleString('en-US', { maximumFractionDigits: digits })}%`;

// Times are the activity's local times (its zone is named once on the dashboard's header).
const clockOptions: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
const dayClockOptions: Intl.DateTimeFormatOptions = { ...clockOptions, month: 'short', day: 'numeric' };
const formats = new Map<string, Intl.DateTimeFormat>();
function inZone(options: Intl.DateTimeFormatOptions, kind: string, zone: string) {
  let f = formats.get(`${kind}:${zone}`);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { ...options, timeZone: zone });
    formats.set(`${kind}:${zone}`, f);
  }
  return f;
}
export const formatClock = (iso: string, zone: string) => inZone(clockOptions, 'clock', zone).format(new Date(iso));
export const formatDayClock = (iso: string, zone: string) => inZone(dayClockOptions, 'day', zone).format(new Date(iso));

export function formatAge(fromIso: string | null, nowMs: number): string {
  if (!fromIso) return 'not yet';
  const seconds = Math.max(0, Math.round((nowMs - Date.parse(fromIso)) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `${minutes} min ago` : `${Math.round(minutes / 60)} h ago`;
}

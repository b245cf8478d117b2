// Number and period formats shared by the activity pages (server and client alike).
export const count = new Intl.NumberFormat('en-US');
export const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const rate = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** Odds as a percentage with as many decimals as they need (0.0001 % precision). */
export function percent(probability: number): string {
  // A no-break space: "0.5 %" never splits across lines in a narrow column.
  return `${Number((probability * 100).toFixed(4))}\u00a0%`;
}

export function formatMinor(minor: number): string {
  return money.format(minor / 100);
}

/** "20 Jan 2027, 00:00 – 5 Feb 2027, 00:00" in the activity's zone. */
export function formatPeriod(startsAt: string, endsAt: string, timeZone: string): string {
  const f = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return `${f.format(new Date(startsAt))} – ${f.format(new Date(endsAt))}`;
}

export function formatInstant(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

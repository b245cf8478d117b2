// An activity's time zone is read by Node (Intl: the draw's "today" and hour) and by PostgreSQL
// (AT TIME ZONE: the rebuild's "today"). Both must know the name and read it alike. They do
// not always: Intl takes ICU's legacy ids ("CTT", "IST"), which PostgreSQL refuses or reads as
// abbreviations (IST = Israel there, India in ICU), and PostgreSQL reads "CET" or "EET" as a
// fixed abbreviation, without the summer time Intl applies. So a zone is taken only when
// PostgreSQL lists it and both give the same local time in January and in July.
import { db } from '../db';
import { AppError } from '../errors';

let known: Promise<Map<string, string>> | null = null;

/** The zone as PostgreSQL spells it; 400 naming `timezone` when either side does not know it or they disagree. */
export async function storableTimeZoneOrThrow(timeZone: string): Promise<string> {
  const stored = (await zonesBothRead()).get(timeZone.toLowerCase());
  if (stored) return stored;
  const message =
    `${JSON.stringify(timeZone)} is not a time zone both the draw and the database read alike; ` +
    'use an IANA name such as Asia/Shanghai';
  throw new AppError('VALIDATION_FAILED', `timezone: ${message}`, { issues: [{ path: 'timezone', message }] });
}

/** Lower-cased name → PostgreSQL's spelling, for every zone both sides read alike; loaded once per process. */
function zonesBothRead(): Promise<Map<string, string>> {
  known ??= loadZones().catch((err: unknown) => {
    known = null;
    throw err;
  });
  return known;
}

async function loadZones(): Promise<Map<string, string>> {
  const year = new Date().getUTCFullYear();
  const probes = [Date.UTC(year, 0, 15, 12), Date.UTC(year, 6, 15, 12)];
  const rows = await db.$queryRaw<{ name: string; jan: string; jul: string }[]>`
    SELECT name,
           to_char(${new Date(probes[0]!)}::timestamptz AT TIME ZONE name, 'YYYY-MM-DD HH24:MI') AS jan,
           to_char(${new Date(probes[1]!)}::timestamptz AT TIME ZONE name, 'YYYY-MM-DD HH24:MI') AS jul
    FROM pg_timezone_names`;
  const zones = new Map<string, string>();
  for (const row of rows) {
    const intl = intlLocalTimes(row.name, probes);
    if (intl && intl[0] === row.jan && intl[1] === row.jul) zones.set(row.name.toLowerCase(), row.name);
  }
  return zones;
}

function intlLocalTimes(timeZone: string, instants: number[]): string[] | null {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
  } catch {
    return null;
  }
  return instants.map((ms) => {
    const p = Object.fromEntries(format.formatToParts(ms).map((x) => [x.type, x.value]));
    return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
  });
}

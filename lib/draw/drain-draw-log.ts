// The draw-log sweeper's work for one activity (lib/draw/sweep-draw-logs.ts). It drains the
// activity's Redis stream into PostgreSQL as the safety net behind group commit (a web process
// killed between the Lua step and its commit loses nothing), trims only what is persisted, and
// writes the issued counters back (lib/draw/write-back-issued.ts).
//
// An entry PostgreSQL refuses, or one that cannot even be read, is a poison: retried with its
// batch it would stall the activity's drain for ever. It is isolated (lib/draw/commit-draws.ts),
// set aside with an alert and taken back (lib/draw/quarantine-refused-draw.ts), and the drain
// goes on: the good entries of its batch are written and trimmed with it.
//
// First it checks that the hot state is not older than the records (Redis restarted from files a
// moment behind): such a state is fenced and rebuilt before any entry is written, so the draws it
// decided carry a lost generation and are refused (lib/draw/draw-floor.ts, docs/draw.md).
import type { Redis } from '../redis';
import { activityMeta, compileConfig, loadActivitySnapshot, type ActivityView } from './activity-state';
import { commitDraws } from './commit-draws';
import { fenceIfBehind } from './draw-floor';
import { rebuildActivityState } from './rebuild-activity';
import { isDrawRecord, toDrawRows, type DrawRecord, type DrawRows } from './draw-record';
import { drawKeys } from './keys';
import { quarantineRefusedDraw, type Reason } from './quarantine-refused-draw';
import { writeBackIssued } from './write-back-issued';

const BATCH = 1_000;

export type DrainResult = {
  /** Entries now in PostgreSQL (written by this drain or before it). */
  persisted: number;
  inserted: number;
  /** Entries set aside: refused by PostgreSQL, or no draw record. */
  quarantined: number;
  backlog: number;
  countersWritten: number;
};

/**
 * Writes what the stream holds into PostgreSQL (everything, or what is at least `olderThanMs`
 * old: entry ids are the times Redis added them) and trims what was written or quarantined.
 */
export async function drainDrawLog(
  redis: Redis,
  activityId: string,
  {
    maxBatches = 50,
    olderThanMs = 0,
    now = Date.now(),
  }: { maxBatches?: number; olderThanMs?: number; now?: number } = {},
): Promise<DrainResult> {
  const k = drawKeys(activityId);
  const result: DrainResult = { persisted: 0, inserted: 0, quarantined: 0, backlog: 0, countersWritten: 0 };
  const until = olderThanMs > 0 ? String(now - olderThanMs) : '+';
  if (await fenceIfBehind(redis, activityId)) {
    const rebuilt = await rebuildActivityState(redis, activityId);
    // Another process is rebuilding: its generation bump may still be to come, so nothing is
    // written until it is done (the activity stays marked).
    if (rebuilt === 'busy') return { ...result, backlog: await redis.xlen(k.stream) };
  }
  let context: DrainContext | null = null;
  for (let i = 0; i < maxBatches; i++) {
    const entries = (await redis.xrange(k.stream, '-', until, 'COUNT', BATCH)) as [string, string[]][];
    if (entries.length === 0) break;
    context ??= await drainContext(redis, activityId);
    if (!context) break;
    const read = entries.map(([id, fields]) => readEntry(id, fields, activityId, context!));
    const { inserted, refused } = await commitDraws(read.flatMap((e) => (e.rows ? [e.rows] : [])));
    result.inserted += inserted.size;
    for (const e of read) {
      const reason: Reason | undefined = e.rows ? refused.get(e.rows.draw.id) : e.unreadable;
      if (!reason) {
        result.persisted++;
        continue;
      }
      const { tenantId, timezone } = context;
      const { id: streamEntry, raw, record } = e;
      await quarantineRefusedDraw(redis, { tenantId, activityId, timezone, streamEntry, raw, record, reason });
      result.quarantined++;
    }
    // Everything up to the last entry read is in PostgreSQL or quarantined now; later entries stay.
    const [ms, seq] = entries[entries.length - 1]![0].split('-');
    await redis.xtrim(k.stream, 'MINID', `${ms}-${Number(seq) + 1}`);
    if (entries.length < BATCH) break;
  }
  result.backlog = await redis.xlen(k.stream);
  result.countersWritten = await writeBackIssued(redis, activityId);
  return result;
}

type DrainContext = { tenantId: string; timezone: string; view: ActivityView };

/** The tenant, zone and names for turning records into rows: from Redis, or PostgreSQL if fenced. */
async function drainContext(redis: Redis, activityId: string): Promise<DrainContext | null> {
  const meta = await activityMeta(redis, activityId);
  if (meta) return { tenantId: meta.tenantId, timezone: meta.timezone, view: meta.view };
  const snapshot = await loadActivitySnapshot(activityId);
  if (!snapshot) return null;
  const view = JSON.parse(compileConfig(snapshot).view!) as ActivityView;
  return { tenantId: snapshot.tenantId, timezone: snapshot.timezone, view };
}

type ReadEntry = { id: string; raw: string; record: DrawRecord | null; rows: DrawRows | null; unreadable?: Reason };

/** A stream entry as rows to write, or, when it is not a draw record at all, why not. */
function readEntry(id: string, fields: string[], activityId: string, context: DrainContext): ReadEntry {
  const raw = fields.length === 2 && fields[0] === 'r' ? fields[1]! : JSON.stringify(fields);
  let record: unknown;
  try {
    record = JSON.parse(fields[1] ?? '');
  } catch {
    record = undefined;
  }
  if (!isDrawRecord(record)) {
    return { id, raw, record: null, rows: null, unreadable: { sqlState: null, message: 'not a draw record' } };
  }
  return { id, raw, record, rows: toDrawRows(record, context.tenantId, activityId, context.view) };
}

// The draw-log worker's work (issue 3 item 5). It drains an activity's Redis stream into
// PostgreSQL as the safety net behind group commit (a web process killed between the Lua
// step and its commit loses nothing), trims only what is persisted, and writes the issued
// counters back to ActivityStock and Tier in one statement each, with a version check:
// never one UPDATE of a hot row per draw.
import { db } from '../db';
import { raiseStockAlert } from '../alerts/raise-stock-alert';
import { getQueue } from '../queues';
import type { Redis } from '../redis';
import { activityMeta, compileConfig, loadActivitySnapshot, type ActivityView } from './activity-state';
import { commitDraws } from './commit-draws';
import { parseRecord, toDrawRows } from './draw-record';
import { drawKeys } from './keys';

const DRAIN_EVERY_MS = 1_000;
const BATCH = 1_000;
/**
 * The periodic drain leaves the last moments of the stream to the web processes committing
 * them: taken by both, a draw costs PostgreSQL a second write and its request a lookup.
 * A draw whose process died is still written, this much later.
 */
const DRAIN_GRACE_MS = 2_000;

export async function scheduleDrawLogDrain(activityId: string) {
  await getQueue('draw-log').upsertJobScheduler(`drain:${activityId}`, { every: DRAIN_EVERY_MS }, { name: 'draw-log', data: { activityId } });
}

/** An ended activity stops being polled once it is settled: a minute after its end, stock returned, nothing left in its stream. */
const SETTLED_AFTER_END_MS = 60_000;

/** The draw-log job: drain, then retire the schedule of an activity that has settled. */
export async function runDrawLogJob(redis: Redis, activityId: string, now = Date.now()): Promise<DrainResult> {
  const result = await drainDrawLog(redis, activityId, { olderThanMs: DRAIN_GRACE_MS, now });
  if (result.backlog === 0) {
    const a = await db.activity.findUnique({ where: { id: activityId }, select: { status: true, endedAt: true, stockReturnedAt: true } });
    const settled = !a || (a.status === 'ENDED' && a.stockReturnedAt !== null && a.endedAt !== null && now - a.endedAt.getTime() > SETTLED_AFTER_END_MS);
    if (settled) await getQueue('draw-log').removeJobScheduler(`drain:${activityId}`);
  }
  return result;
}

export type DrainResult = { persisted: number; inserted: number; backlog: number; countersWritten: number };

/**
 * Writes what the stream holds into PostgreSQL (everything, or what is at least `olderThanMs`
 * old: entry ids are the times Redis added them) and trims what was written.
 */
export async function drainDrawLog(redis: Redis, activityId: string, { maxBatches = 50, olderThanMs = 0, now = Date.now() }: { maxBatches?: number; olderThanMs?: number; now?: number } = {}): Promise<DrainResult> {
  const k = drawKeys(activityId);
  const result: DrainResult = { persisted: 0, inserted: 0, backlog: 0, countersWritten: 0 };
  const until = olderThanMs > 0 ? String(now - olderThanMs) : '+';
  let context: { tenantId: string; view: ActivityView } | null = null;
  for (let i = 0; i < maxBatches; i++) {
    const entries = (await redis.xrange(k.stream, '-', until, 'COUNT', BATCH)) as [string, string[]][];
    if (entries.length === 0) break;
    context ??= await drainContext(redis, activityId);
    if (!context) break;
    const rows = entries.map(([, fields]) => toDrawRows(parseRecord(fields[1]!), context!.tenantId, activityId, context!.view));
    const inserted = await commitDraws(rows);
    result.persisted += rows.length;
    result.inserted += inserted.size;
    // Everything up to the last entry read is in PostgreSQL now; later entries stay.
    const [ms, seq] = entries[entries.length - 1]![0].split('-');
    await redis.xtrim(k.stream, 'MINID', `${ms}-${Number(seq) + 1}`);
    if (entries.length < BATCH) break;
  }
  result.backlog = await redis.xlen(k.stream);
  result.countersWritten = await writeBackIssued(redis, activityId);
  return result;
}

/** The tenant and names for turning records into rows: from Redis, or PostgreSQL if fenced. */
async function drainContext(redis: Redis, activityId: string) {
  const meta = await activityMeta(redis, activityId);
  if (meta) return { tenantId: meta.tenantId, view: meta.view };
  const snapshot = await loadActivitySnapshot(activityId);
  if (!snapshot) return null;
  return { tenantId: snapshot.tenantId, view: JSON.parse(compileConfig(snapshot).view!) as ActivityView };
}

/**
 * Copies Redis's issued counters (absolute values, so repeating is harmless) to PostgreSQL.
 * Rows changed by someone else since they were read are left for the next round.
 */
export async function writeBackIssued(redis: Redis, activityId: string): Promise<number> {
  const k = drawKeys(activityId);
  if (!(await redis.exists(k.cfg))) return 0; // fenced: Redis knows nothing reliable now
  // Rows (with their versions) first, Redis second: a change made in between (a void) bumps
  // the version, so the stale value read before it cannot be written over it.
  const [stocks, tierRows] = await Promise.all([
    db.activityStock.findMany({ where: { activityId }, select: { tenantId: true, prizeId: true, issued: true, returned: true, reserved: true, version: true } }),
    db.tier.findMany({ where: { activityId }, select: { id: true, issued: true, version: true } }),
  ]);
  const issued = await redis.hgetall(k.issued);
  const prizes: [string, number][] = [];
  const tiers: [string, number][] = [];
  for (const [field, value] of Object.entries(issued)) {
    if (field.startsWith('p:')) prizes.push([field.slice(2), Number(value)]);
    else if (field.startsWith('t:')) tiers.push([field.slice(2), Number(value)]);
  }
  if (prizes.length === 0 && tiers.length === 0) return 0;
  const stockChanges: { id: string; issued: number; version: number }[] = [];
  for (const [prizeId, n] of prizes) {
    const row = stocks.find((s) => s.prizeId === prizeId);
    if (!row || row.issued === n) continue;
    if (n + row.returned > row.reserved) {
      // Issued beyond what the pool holds: the alarm goes off now, and the row keeps its last
      // good figure (the CHECK constraint would refuse it anyway).
      await raiseStockAlert(row.tenantId, activityId, { prizeId, kind: 'over-issue', message: `Redis has issued ${n} units but the pool holds ${row.reserved - row.returned}`, details: { issued: n, reserved: row.reserved, returned: row.returned } });
      continue;
    }
    stockChanges.push({ id: prizeId, issued: n, version: row.version });
  }
  const tierChanges = tiers.flatMap(([tierId, n]) => {
    const row = tierRows.find((t) => t.id === tierId);
    return row && row.issued !== n ? [{ id: tierId, issued: n, version: row.version }] : [];
  });
  let written = 0;
  if (stockChanges.length) {
    written += await db.$executeRawUnsafe(
      `UPDATE "ActivityStock" s SET issued = v.issued, version = s.version + 1, "updatedAt" = now()
       FROM unnest($2::uuid[], $3::int[], $4::int[]) AS v("prizeId", issued, version)
       WHERE s."activityId" = $1::uuid AND s."prizeId" = v."prizeId" AND s.version = v.version`,
      activityId, stockChanges.map((c) => c.id), stockChanges.map((c) => c.issued), stockChanges.map((c) => c.version),
    );
  }
  if (tierChanges.length) {
    written += await db.$executeRawUnsafe(
      `UPDATE "Tier" t SET issued = v.issued, version = t.version + 1, "updatedAt" = now()
       FROM unnest($2::uuid[], $3::int[], $4::int[]) AS v(id, issued, version)
       WHERE t."activityId" = $1::uuid AND t.id = v.id AND t.version = v.version`,
      activityId, tierChanges.map((c) => c.id), tierChanges.map((c) => c.issued), tierChanges.map((c) => c.version),
    );
  }
  return written;
}

// A draw PostgreSQL refused to store (lib/draw/commit-draws.ts isolates it from its batch), or
// a stream entry that is no draw record at all, never happened as far as the books go:
//  1. the entry is kept, raw, in DrawLogQuarantine (first, so nothing is lost if this process
//     dies halfway; every step repeats harmlessly);
//  2. an Alert tells the operator;
//  3. its draw is taken back in Redis: chances, stock and issued counters return and its
//     Idempotency-Key forgets it (take-back-refused-draw-6.lua). The stream entry is the token:
//     the web process that made the draw and the draw-log worker may both get here, and only
//     the one that deletes the entry gives the counters back.
// The same path for both, so reconciliation always finds the books agreeing (docs/draw.md).
import { db } from '../db';
import { isUuid } from '../ids';
import { withPrizeLocks } from '../locks/prize-lock';
import { raiseQuarantineAlert } from '../alerts/raise-quarantine-alert';
import { defineScript, loadLuaScript, type Redis } from '../redis';
import { awardedPrizes, type DrawRecord } from './draw-record';
import { drawKeys } from './keys';
import { localDay } from './local-day';
import { writeBackIssued } from './write-back-issued';

const takeBackScript = loadLuaScript('lib/draw/lua', 'take-back-refused-draw-6.lua');

/** Why an entry was set aside: PostgreSQL's SQLSTATE and message, or null and why it is no record. */
export type Reason = { sqlState: string | null; message: string };

export type RefusedEntry = {
  tenantId: string;
  activityId: string;
  /** The activity's time zone: the draw counted in its local day. */
  timezone: string;
  /** The entry's id in the activity's draw stream. */
  streamEntry: string;
  /** The entry as the stream holds it. */
  raw: string;
  /** The draw it records; null if it is none (then there is nothing to take back). */
  record: DrawRecord | null;
  reason: Reason;
};

/** Returns whether this call gave the draw's counters back in Redis. */
export async function quarantineRefusedDraw(redis: Redis, entry: RefusedEntry): Promise<boolean> {
  const { tenantId, activityId, streamEntry, record } = entry;
  const { sqlState } = entry.reason;
  const drawId = record && isUuid(record.d) ? record.d.toLowerCase() : null;
  const error = printable(entry.reason.message);
  const raw = Buffer.from(entry.raw, 'utf8');
  await db.drawLogQuarantine.createMany({
    data: [{ tenantId, activityId, streamEntry, drawId, raw, sqlState, error }],
    skipDuplicates: true,
  });
  const canTakeBack = record !== null;
  await raiseQuarantineAlert(tenantId, activityId, { streamEntry, drawId, sqlState, error, canTakeBack });
  if (!record) return false;
  const takenBack = await takeBack(redis, entry, record);
  if (takenBack) {
    await db.drawLogQuarantine.updateMany({ where: { activityId, streamEntry }, data: { takenBackAt: new Date() } });
  }
  return takenBack;
}

/**
 * Under the locks of the prizes it won, so reconciliation never sees the pool's written-back
 * issued count (which may include this draw) ahead of Redis's: both move before it looks.
 */
function takeBack(redis: Redis, entry: RefusedEntry, record: DrawRecord): Promise<boolean> {
  const { activityId, timezone, streamEntry } = entry;
  const k = drawKeys(activityId);
  const prizeIds = awardedPrizes(record).map((p) => p.prizeId);
  return withPrizeLocks(redis, prizeIds, async () => {
    const day = localDay(timezone, Number(record.ts));
    const keys = [k.cfg, k.stock, k.issued, k.user(record.u), k.idem(record.u, record.k), k.stream];
    const answer = await defineScript(redis, takeBackScript)(keys, [JSON.stringify(record), day, streamEntry]);
    const takenBack = answer === 1;
    if (takenBack && prizeIds.length) await writeBackIssued(redis, activityId, { lockedPrizes: prizeIds });
    return takenBack;
  });
}

/** PostgreSQL's words, safe to store as text and JSON (which refuse NUL). */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, 1_000);
}

// Writes a batch of draws (and their wins and participation) in ONE statement, idempotent
// on the draw id: the web process (group commit) and the draw-log worker (stream drain)
// may both write the same draw, and it lands once. Participation counts only rows this
// statement inserted, so a repeated write never double counts.
//
// Fencing: each draw carries the generation (stateEpoch) of the Redis state that decided it.
// The statement takes a share lock on the activity rows and writes only draws of the current
// generation. A rebuild bumps the generation under an exclusive lock in the same transaction
// that reads its snapshot, so every draw is either in that snapshot or never written: a draw
// decided by a state that was lost cannot slip in after the rebuild and issue a unit twice.
import { db, pool, type OwnConnection } from '../db';
import type { DrawRows } from './draw-record';

export const INSERT_BATCH_SQL = `
WITH raw AS (
  SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::"DrawOutcome"[], $7::uuid[],
                       $8::"ChanceKind"[], $9::int[], $10::text[], $11::text[], $12::timestamp(3)[], $19::int[], $20::text[])
    AS t(id, "tenantId", "activityId", "userId", "idempotencyKey", outcome, "tierId", "chanceKind", "chancesLeft", ip, "deviceId", "createdAt", epoch, "riskAction")
), current AS (
  SELECT a.id, a."stateEpoch" FROM "Activity" a WHERE a.id IN (SELECT DISTINCT "activityId" FROM raw) FOR SHARE
), input AS (
  SELECT raw.id, raw."tenantId", raw."activityId", raw."userId", raw."idempotencyKey", raw.outcome, raw."tierId", raw."chanceKind", raw."chancesLeft", raw.ip, raw."deviceId", raw."createdAt", raw."riskAction"
  FROM raw JOIN current ON current.id = raw."activityId"
  -- null: a record rebuilt from rows, so it is already written and only conflicts below
  WHERE raw.epoch IS NULL OR raw.epoch = current."stateEpoch"
), ins AS (
  INSERT INTO "Draw" (id, "tenantId", "activityId", "userId", "idempotencyKey", outcome, "tierId", "chanceKind", "chancesLeft", ip, "deviceId", "createdAt", "riskAction")
  SELECT * FROM input ORDER BY id
  ON CONFLICT DO NOTHING
  RETURNING id, "tenantId", "activityId", "userId", outcome, "tierId", "createdAt"
), part AS (
  INSERT INTO "Participation" ("activityId", "userId", "tenantId", "firstDrawAt", "lastDrawAt", draws, wins)
  SELECT "activityId", "userId", "tenantId", min("createdAt"), max("createdAt"), count(*), count(*) FILTER (WHERE outcome = 'WIN')
  FROM ins GROUP BY "activityId", "userId", "tenantId"
  ORDER BY "activityId", "userId"
  ON CONFLICT ("activityId", "userId") DO UPDATE SET
    draws = "Participation".draws + EXCLUDED.draws,
    wins = "Participation".wins + EXCLUDED.wins,
    "firstDrawAt" = LEAST("Participation"."firstDrawAt", EXCLUDED."firstDrawAt"),
    "lastDrawAt" = GREATEST("Participation"."lastDrawAt", EXCLUDED."lastDrawAt")
), won AS (
  INSERT INTO "Win" (id, "tenantId", "activityId", "drawId", "tierId", "prizeId", "userId", quantity, status, "claimExpiresAt", "createdAt", "updatedAt")
  SELECT w.id, ins."tenantId", ins."activityId", ins.id, ins."tierId", w."prizeId", ins."userId", w.quantity, w.status, w."claimExpiresAt", ins."createdAt", now()
  FROM unnest($13::uuid[], $14::uuid[], $15::uuid[], $16::int[], $17::"WinStatus"[], $18::timestamp(3)[])
    AS w(id, "drawId", "prizeId", quantity, status, "claimExpiresAt")
  JOIN ins ON ins.id = w."drawId"
  ON CONFLICT DO NOTHING
  RETURNING 1
)
SELECT id::text FROM ins`;

/**
 * Inserts what is new and of the current state generation; returns the ids this call inserted.
 * Through the pool, or the group commit's own connection.
 */
export async function commitDraws(batch: DrawRows[], via: Pick<OwnConnection, 'query'> = pool): Promise<Set<string>> {
  if (batch.length === 0) return new Set();
  const params = batchParams(batch);
  for (let attempt = 1; ; attempt++) {
    try {
      const { rows } = await via.query<{ id: string }>({ name: 'commit-draws-2', text: INSERT_BATCH_SQL, values: params });
      return new Set(rows.map((r) => r.id));
    } catch (err) {
      if (attempt < 5 && isRetryable(err)) continue;
      throw err;
    }
  }
}

/** The statement's parameters: one array per column. */
export function batchParams(batch: DrawRows[]): unknown[] {
  const d = batch.map((b) => b.draw);
  const wins = batch.flatMap((b) => b.wins.map((w) => ({ ...w, drawId: b.draw.id })));
  return [
    d.map((x) => x.id), d.map((x) => x.tenantId), d.map((x) => x.activityId), d.map((x) => x.userId), d.map((x) => x.idempotencyKey),
    d.map((x) => x.outcome), d.map((x) => x.tierId), d.map((x) => x.chanceKind), d.map((x) => x.chancesLeft), d.map((x) => x.ip),
    d.map((x) => x.deviceId), d.map((x) => x.createdAt.toISOString()),
    wins.map((w) => w.id), wins.map((w) => w.drawId), wins.map((w) => w.prizeId), wins.map((w) => w.quantity), wins.map((w) => w.status),
    wins.map((w) => w.claimExpiresAt?.toISOString() ?? null),
    batch.map((b) => b.epoch), d.map((x) => x.riskAction),
  ];
}

/**
 * Two batches locking the same Participation rows may deadlock, and PostgreSQL aborts one; a
 * connection may be closed under a batch. The statement is idempotent (a repeat inserts
 * nothing twice and counts nothing twice), so both are tried again.
 */
function isRetryable(err: unknown): boolean {
  const text = String((err as { message?: string })?.message ?? '') + JSON.stringify(err ?? {});
  return /40P01|40001|57P01|deadlock detected|could not serialize|Connection terminated|not queryable/.test(text);
}

/** For draws a batch did not insert: the id already holding each (activity, user, key). */
export async function findExistingDraws(keys: { activityId: string; userId: string; idempotencyKey: string }[]) {
  if (keys.length === 0) return [];
  return db.$queryRawUnsafe<{ id: string; activityId: string; userId: string; idempotencyKey: string }[]>(
    `SELECT d.id::text, d."activityId"::text, d."userId", d."idempotencyKey"
     FROM unnest($1::uuid[], $2::text[], $3::text[]) AS k("activityId", "userId", "idempotencyKey")
     JOIN "Draw" d ON d."activityId" = k."activityId" AND d."userId" = k."userId" AND d."idempotencyKey" = k."idempotencyKey"`,
    keys.map((k) => k.activityId), keys.map((k) => k.userId), keys.map((k) => k.idempotencyKey),
  );
}

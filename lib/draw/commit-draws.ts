// Writes a batch of draws (and their wins and participation) in ONE statement, idempotent
// on the draw id: the web process (group commit) and the draw-log worker (stream drain)
// may both write the same draw, and it lands once. Participation counts only rows this
// statement inserted, so a repeated write never double counts.
//
// One row PostgreSQL refuses (a value it cannot store, a broken reference) fails the whole
// statement. A batch holds several tenants' draws, so such a batch is split in halves and each
// half written again, down to the refused draws alone: every other draw of the batch lands,
// and the refused ones are answered apart (lib/draw/quarantine-refused-draw.ts takes them back).
//
// Fencing: each draw carries the generation (stateEpoch) of the Redis state that decided it.
// The statement takes a share lock on the activity rows and writes only draws of the current
// generation. A rebuild bumps the generation under an exclusive lock in the same transaction
// that reads its snapshot, so every draw is either in that snapshot or never written: a draw
// decided by a state that was lost cannot slip in after the rebuild and issue a unit twice.
//
// Each draw also carries its number in that state (the draw script's seq); the statement records
// the highest one committed per activity (ActivityDrawSeq). A Redis whose counter is behind it came
// back older than the records and is fenced (lib/draw/draw-floor.ts, docs/draw.md).
import pg from 'pg';
import { db, pool, type OwnConnection } from '../db';
import { forgetUserRecords } from '../read-cache/user-records-cache';
import { dispatchDeliveries } from '../webhooks/emit-event';
import type { DrawRows } from './draw-record';

/** One parameter of the statement: a column, its PostgreSQL type, and its value for one row. */
type Column<Row> = readonly [name: string, type: string, value: (row: Row) => unknown];
type WinRow = DrawRows['wins'][number] & { drawId: string };
type CodeRow = { winId: string; prizeId: string; code: string };

/** The Draw table's columns, in the order the statement inserts them: $1 … $15. */
const DRAW_COLUMNS: readonly Column<DrawRows>[] = [
  ['id', 'uuid', (b) => b.draw.id],
  ['tenantId', 'uuid', (b) => b.draw.tenantId],
  ['activityId', 'uuid', (b) => b.draw.activityId],
  ['userId', 'text', (b) => b.draw.userId],
  ['idempotencyKey', 'text', (b) => b.draw.idempotencyKey],
  ['outcome', '"DrawOutcome"', (b) => b.draw.outcome],
  ['tierId', 'uuid', (b) => b.draw.tierId],
  ['chanceKind', '"ChanceKind"', (b) => b.draw.chanceKind],
  ['chancesLeft', 'int', (b) => b.draw.chancesLeft],
  ['ip', 'text', (b) => b.draw.ip],
  ['deviceId', 'text', (b) => b.draw.deviceId],
  ['createdAt', 'timestamp(3)', (b) => b.draw.createdAt.toISOString()],
  ['riskAction', 'text', (b) => b.draw.riskAction],
  ['configVersion', 'int', (b) => b.draw.configVersion],
  // JSON text already: the column's values go as one JSON array (see unnest), never escaped into an array literal.
  ['fairness', 'jsonb', (b) => b.draw.fairness ?? null],
];

/** The generation of the state that decided each draw, for the fence: $16. Not a column of Draw. */
const EPOCH_COLUMN: Column<DrawRows> = ['epoch', 'int', (b) => b.epoch];
/** The draw's number in that state: $17. Not a column of Draw either: the highest goes to ActivityDrawSeq. */
const SEQ_COLUMN: Column<DrawRows> = ['seq', 'bigint', (b) => b.seq];

/** The wins' values, one row per prize won, after the draws': $18 … $23. */
const WIN_COLUMNS: readonly Column<WinRow>[] = [
  ['id', 'uuid', (w) => w.id],
  ['drawId', 'uuid', (w) => w.drawId],
  ['prizeId', 'uuid', (w) => w.prizeId],
  ['quantity', 'int', (w) => w.quantity],
  ['status', '"WinStatus"', (w) => w.status],
  ['claimExpiresAt', 'timestamp(3)', (w) => w.claimExpiresAt?.toISOString() ?? null],
];

/** The coupon codes the wins took, one row per code, after the wins': $24 … $26. */
const CODE_COLUMNS: readonly Column<CodeRow>[] = [
  ['winId', 'uuid', (c) => c.winId],
  ['prizeId', 'uuid', (c) => c.prizeId],
  ['code', 'text', (c) => c.code],
];

const RAW_COLUMNS = [...DRAW_COLUMNS, EPOCH_COLUMN, SEQ_COLUMN];

const names = (columns: readonly Column<never>[], table = '') =>
  columns.map(([name]) => `${table}"${name}"`).join(', ');
/**
 * `unnest($1::uuid[], …) AS t("id", …)` over columns whose parameters follow the first `offset`.
 * A jsonb column's parameter is one JSON array of the rows' values (null: none), taken apart in
 * order: its values are JSON texts already, which pg would otherwise escape quote by quote into
 * an array literal on every commit.
 */
const unnest = (columns: readonly Column<never>[], offset: number, alias: string) =>
  `unnest(${columns.map(([, type], i) => parameter(type, offset + i + 1)).join(', ')})\n` +
  `    AS ${alias}(${names(columns)})`;
const parameter = (type: string, n: number) =>
  type === 'jsonb'
    ? `ARRAY(SELECT NULLIF(v, 'null') FROM jsonb_array_elements($${n}::jsonb) WITH ORDINALITY AS j(v, o) ORDER BY o)`
    : `$${n}::${type}[]`;
/** A column's parameter: the rows' values as an array, or for jsonb (JSON texts or null) as one JSON array. */
const columnValues = <Row>([, type, value]: Column<Row>, rows: Row[]): unknown =>
  type === 'jsonb' ? `[${rows.map((row) => (value(row) as string | null) ?? 'null').join(',')}]` : rows.map(value);

export const INSERT_BATCH_SQL = `
WITH raw AS (
  SELECT * FROM ${unnest(RAW_COLUMNS, 0, 't')}
), current AS (
  SELECT a.id, a."stateEpoch" FROM "Activity" a WHERE a.id IN (SELECT DISTINCT "activityId" FROM raw) FOR SHARE
), input AS (
  SELECT ${names(DRAW_COLUMNS, 'raw.')}
  FROM raw JOIN current ON current.id = raw."activityId"
  -- null: a record rebuilt from rows, so it is already written and only conflicts below
  WHERE raw.epoch IS NULL OR raw.epoch = current."stateEpoch"
), seq AS (
  -- Draws of the current generation only: a rebuild starts the count again from this figure.
  INSERT INTO "ActivityDrawSeq" ("activityId", committed)
  SELECT raw."activityId", max(raw.seq)
  FROM raw JOIN current ON current.id = raw."activityId"
  WHERE raw.seq IS NOT NULL AND raw.epoch = current."stateEpoch"
  GROUP BY raw."activityId"
  ORDER BY raw."activityId"
  ON CONFLICT ("activityId") DO UPDATE SET committed = EXCLUDED.committed
  WHERE "ActivityDrawSeq".committed < EXCLUDED.committed
  RETURNING 1
), ins AS (
  INSERT INTO "Draw" (${names(DRAW_COLUMNS)})
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
  SELECT w.id, ins."tenantId", ins."activityId", ins.id, ins."tierId", w."prizeId", ins."userId", w.quantity,
    -- A virtual or points win is delivered by the host app when the tenant has a fulfilment endpoint.
    CASE WHEN w.status = 'DELIVERED' AND EXISTS (
      SELECT 1 FROM "Prize" p JOIN "WebhookEndpoint" e ON e."tenantId" = p."tenantId"
      WHERE p.id = w."prizeId" AND p.kind IN ('VIRTUAL', 'POINTS')
        AND e.enabled AND e.fulfilment AND 'win.created' = ANY (e.events)
    ) THEN 'PENDING_DELIVERY'::"WinStatus" ELSE w.status END,
    w."claimExpiresAt", ins."createdAt", now()
  FROM ${unnest(WIN_COLUMNS, RAW_COLUMNS.length, 'w')}
  JOIN ins ON ins.id = w."drawId"
  ON CONFLICT DO NOTHING
  RETURNING id, "tenantId", "activityId", status, "createdAt"
), coded AS (
  -- A coupon code goes to the win that took it from the activity's pool, for good; only for wins
  -- this statement inserted (a repeat finds the codes taken already and changes nothing).
  UPDATE "CouponCode" c SET "winId" = k."winId", "issuedAt" = now()
  FROM ${unnest(CODE_COLUMNS, RAW_COLUMNS.length + WIN_COLUMNS.length, 'k')}
  JOIN won ON won.id = k."winId"
  WHERE c."prizeId" = k."prizeId" AND c.code = k.code AND c."activityId" = won."activityId" AND c."winId" IS NULL
  RETURNING 1
), hooks AS (
  -- win.created into the outbox (lib/webhooks/emit-event.ts), its body (codes included) built at the
  -- first attempt, after this commit; a held win's is emitted when it is approved.
  INSERT INTO "WebhookDelivery" (id, "tenantId", "endpointId", "eventId", type, "subjectId", "nextAttemptAt", "expiresAt", "createdAt")
  SELECT gen_random_uuid(), won."tenantId", e.id, md5('win.created:' || won.id::text)::uuid, 'win.created', won.id,
    won."createdAt", won."createdAt" + interval '24 hours', won."createdAt"
  FROM won JOIN "WebhookEndpoint" e ON e."tenantId" = won."tenantId" AND e.enabled AND 'win.created' = ANY (e.events)
  WHERE won.status <> 'HELD'
  ORDER BY won.id, e.id
  ON CONFLICT DO NOTHING
  RETURNING id
)
SELECT id::text, 'draw' AS kind FROM ins
UNION ALL SELECT id::text, 'delivery' FROM hooks`;

/** Why PostgreSQL refused one draw: its SQLSTATE and message. */
export type Refusal = { sqlState: string; message: string };

/**
 * What a commit did: the ids it inserted, the draws PostgreSQL refused (by draw id), and the webhook
 * deliveries of the wins it inserted (queued by commitDraws once committed).
 */
export type CommitOutcome = { inserted: Set<string>; refused: Map<string, Refusal>; deliveries: string[] };

type Via = Pick<OwnConnection, 'query'>;

/**
 * Inserts what is new and of the current state generation. A draw PostgreSQL refuses is
 * isolated (the batch split until it stands alone) and reported in `refused`; the rest is
 * written. Through the pool, or the group commit's own connection.
 */
export async function commitDraws(batch: DrawRows[], via: Via = pool): Promise<CommitOutcome> {
  const outcome: CommitOutcome = { inserted: new Set(), refused: new Map(), deliveries: [] };
  await commitIsolating(batch, via, outcome);
  await forgetUserRecords(batch.filter((b) => b.wins.length && outcome.inserted.has(b.draw.id)).map((b) => b.draw));
  if (outcome.deliveries.length > 0) void dispatchDeliveries(outcome.deliveries);
  return outcome;
}

async function commitIsolating(batch: DrawRows[], via: Via, outcome: CommitOutcome): Promise<void> {
  if (batch.length === 0) return;
  try {
    for (const row of await commitOnce(batch, via))
      if (row.kind === 'draw') outcome.inserted.add(row.id);
      else outcome.deliveries.push(row.id);
  } catch (err) {
    if (commitErrorKind(err) !== 'row') throw err;
    if (batch.length === 1) {
      const { code, message } = err as pg.DatabaseError;
      outcome.refused.set(batch[0]!.draw.id, { sqlState: code!, message });
      return;
    }
    // One after the other, not at once: halves written together would lock the same rows.
    const half = Math.ceil(batch.length / 2);
    await commitIsolating(batch.slice(0, half), via, outcome);
    await commitIsolating(batch.slice(half), via, outcome);
  }
}

/** The one statement, tried again on errors that say nothing about the rows; the ids it inserted. */
async function commitOnce(batch: DrawRows[], via: Via): Promise<{ id: string; kind: 'draw' | 'delivery' }[]> {
  const params = batchParams(batch);
  for (let attempt = 1; ; attempt++) {
    try {
      const { rows } = await via.query<{ id: string; kind: 'draw' | 'delivery' }>({
        name: 'commit-draws-7',
        text: INSERT_BATCH_SQL,
        values: params,
      });
      return rows;
    } catch (err) {
      if (attempt < 5 && commitErrorKind(err) === 'retry') continue;
      throw err;
    }
  }
}

/** The statement's parameters: one array per column, in the order of the column lists above. */
export function batchParams(batch: DrawRows[]): unknown[] {
  const wins: WinRow[] = batch.flatMap((b) => b.wins.map((w) => ({ ...w, drawId: b.draw.id })));
  const codes: CodeRow[] = wins.flatMap((w) => w.codes.map((code) => ({ winId: w.id, prizeId: w.prizeId, code })));
  return [
    ...RAW_COLUMNS.map((column) => columnValues(column, batch)),
    ...WIN_COLUMNS.map((column) => columnValues(column, wins)),
    ...CODE_COLUMNS.map((column) => columnValues(column, codes)),
  ];
}

/** SQLSTATEs that say nothing about the rows: the same statement may well succeed again. */
const RETRYABLE_SQLSTATES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected: two batches locking the same Participation rows
  '57P01', // admin_shutdown: the server ended the connection
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: the server is starting
  '53300', // too_many_connections
]);

/**
 * SQLSTATE classes that blame a row: 22 data exception (a NUL, a value out of range), 23
 * integrity (a broken reference), 54 program limit (a value too large to index).
 */
const ROW_SQLSTATE_CLASSES = new Set(['22', '23', '54']);

/**
 * What an error of the statement says, by its SQLSTATE, never its wording. The statement is
 * idempotent (a repeat inserts nothing twice and counts nothing twice), so:
 * - 'retry': a connection lost (class 08, a server shutdown, or no SQLSTATE at all: the
 *   answer never came, the socket closed) or a deadlock / serialization failure;
 * - 'row': some row of the batch cannot be stored: split the batch to find it;
 * - 'fail': anything else (a bug, a missing table): the batch fails as a whole.
 */
function commitErrorKind(err: unknown): 'retry' | 'row' | 'fail' {
  if (err instanceof pg.DatabaseError) {
    const code = err.code ?? '';
    if (RETRYABLE_SQLSTATES.has(code) || code.startsWith('08')) return 'retry';
    return ROW_SQLSTATE_CLASSES.has(code.slice(0, 2)) ? 'row' : 'fail';
  }
  // Not an answer of the server. A programming error is not worth repeating; anything else is
  // the connection failing under the statement (pg's "Connection terminated", ECONNRESET).
  if (err instanceof TypeError || err instanceof RangeError || err instanceof SyntaxError) return 'fail';
  return 'retry';
}

/** For draws a batch did not insert: the id already holding each (activity, user, key). */
export async function findExistingDraws(keys: { activityId: string; userId: string; idempotencyKey: string }[]) {
  if (keys.length === 0) return [];
  return db.$queryRawUnsafe<{ id: string; activityId: string; userId: string; idempotencyKey: string }[]>(
    `SELECT d.id::text, d."activityId"::text, d."userId", d."idempotencyKey"
     FROM unnest($1::uuid[], $2::text[], $3::text[]) AS k("activityId", "userId", "idempotencyKey")
     JOIN "Draw" d ON d."activityId" = k."activityId" AND d."userId" = k."userId" AND d."idempotencyKey" = k."idempotencyKey"`,
    keys.map((k) => k.activityId),
    keys.map((k) => k.userId),
    keys.map((k) => k.idempotencyKey),
  );
}

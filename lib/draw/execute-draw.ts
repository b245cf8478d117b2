// POST /api/v1/activities/{id}/draws: one draw for one end user (docs/draw.md).
// Redis decides (one Lua script); PostgreSQL records before the user sees anything.
// No PostgreSQL read on the normal path: only a fenced or unknown activity goes there.
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import type { EndUser } from '../auth/user-token';
import { hasEnded } from '../activity-status';
import { db } from '../db';
import { batchersBy } from '../batcher';
import { AppError } from '../errors';
import { isUuid, timeOrderedId } from '../ids';
import { defineScript, loadLuaScript, requestRedis, type Redis } from '../redis';
import { activityMeta, forgetActivityMeta, type ActivityMeta } from './activity-state';
import { findExistingDraws, type Refusal } from './commit-draws';
import { drawCommitter, RefusedDrawError } from './draw-committer';
import {
  IDEMPOTENCY_TTL_SECONDS,
  parseRecord,
  toDrawBody,
  toDrawRows,
  type DrawBody,
  type DrawRecord,
} from './draw-record';
import { drawFloor, raiseDrawFloor } from './draw-floor';
import { drawById, loadDrawRecords } from './load-draw-records';
import { drawKeys } from './keys';
import { dirtyKey } from '../workers/dirty-activities';
import { localDay, localHour } from './local-day';
import { checkRisk, type SoftRiskAction } from '../risk/check-risk';
import { recordRiskEvent } from '../risk/risk-events';
import { requestRebuild } from './rebuild-activity';
import { quarantineRefusedDraw } from './quarantine-refused-draw';
import { currentRequestId, errorFields, log } from '../log';
import { PROBABILITY_SCALE } from './probability-scale';
import { nowMs } from '../clock';
import { activeSeed, forgetActiveSeed } from '../fairness/activity-seeds';
import { deriveDrawNumber } from '../fairness/derive-draw-number';

const drawScript = loadLuaScript('lib/draw/lua', 'draw-batch-v.lua');
const undoScript = loadLuaScript('lib/draw/lua', 'undo-draw-4.lua');
const forgetStaleScript = loadLuaScript('lib/draw/lua', 'forget-result-1.lua');

export const IdempotencyKey = z
  .string()
  .min(1, 'Idempotency-Key header is required')
  .max(64, 'Idempotency-Key is at most 64 characters')
  .regex(/^[\x21-\x7e]+$/, 'Idempotency-Key must be printable ASCII without spaces');

export type DrawContext = {
  ip?: string | null;
  deviceId?: string | null;
  now?: number;
  random?: () => number;
  risk?: SoftRiskAction | null;
};

export async function executeDraw(
  user: EndUser,
  activityId: string,
  idempotencyKey: string | null,
  ctx: DrawContext = {},
): Promise<DrawBody> {
  const keyCheck = IdempotencyKey.safeParse(idempotencyKey ?? '');
  if (!keyCheck.success)
    throw new AppError('VALIDATION_FAILED', keyCheck.error.issues[0]!.message, {
      issues: [{ path: 'Idempotency-Key', message: keyCheck.error.issues[0]!.message }],
    });
  const key = keyCheck.data;
  if (!isUuid(activityId)) throw new AppError('NOT_FOUND', `activity ${activityId} not found`);

  const redis = await requestRedis();
  const now = ctx.now ?? nowMs();
  const meta = await activityMeta(redis, activityId, now);
  if (!meta) return refuseWithoutState(redis, user.tenantId, activityId);
  if (meta.tenantId !== user.tenantId) throw new AppError('NOT_FOUND', `activity ${activityId} not found`);

  const source = drawSource(user, ctx);
  const { deviceId, ip } = source;
  const risk = await checkRisk(redis, user, activityId, {
    deviceId,
    ip,
    now,
    alreadyDrawn: async () => (await redis.exists(drawKeys(activityId).idem(user.userId, key))) === 1,
  });

  const day = localDay(meta.timezone, now);
  const draw: DecideDraw = {
    redis,
    activityId,
    meta,
    user,
    key,
    day,
    now,
    ctx: { ...ctx, risk: risk.soft?.action ?? null },
    source,
  };
  let decided = await decideDraw(draw);
  if (decided.kind === 'error' && decided.code === 'STALE_SEED') {
    // The seed was rotated since this process read it: read the one the hot state names, draw again.
    // A state that names no seed (built before the activity had one) takes only unseeded draws.
    forgetActiveSeed(activityId);
    if (decided.detail) await activeSeed(activityId, decided.detail);
    decided = await decideDraw(decided.detail ? draw : { ...draw, unseeded: true });
  }
  if (decided.kind === 'error') {
    switch (decided.code) {
      case 'REBUILDING':
        return refuseWithoutState(redis, user.tenantId, activityId);
      case 'NOT_LIVE':
        throw new AppError('ACTIVITY_NOT_LIVE', notLiveMessage(decided.detail));
      case 'DRAW_LIMIT_REACHED':
        throw new AppError(
          'DRAW_LIMIT_REACHED',
          decided.detail === 'day' ? 'no more draws today' : 'no more draws in this activity',
        );
      case 'NO_CHANCES':
        throw new AppError('NO_CHANCES', 'no chances left');
      case 'STALE_SEED':
      case 'STALE_VIEW':
        // A bundle grew since this process cached the activity: nothing was drawn.
        forgetActivityMeta(activityId);
        throw new AppError(
          'ACTIVITY_REBUILDING',
          'the activity changed meanwhile; retry with the same Idempotency-Key',
          undefined,
          { 'retry-after': '1' },
        );
      default:
        throw new Error(`draw script answered ${decided.code}`);
    }
  }
  if (risk.soft && decided.kind === 'ok') {
    recordRiskEvent({
      tenantId: user.tenantId,
      activityId,
      ...risk.soft,
      userId: user.userId,
      deviceId: deviceId || null,
      ip: ip || null,
      drawId: decided.record.d,
    });
  }
  const durable = await makeDurable(draw, decided.record, decided.streamEntry);
  return toDrawBody(durable, meta.view);
}

const RISK_FLAGS = { '': '', FORCE_LOSE: 'L', HOLD: 'H' } as const;

/** The device (from the request or the token) and the IP, bounded. */
function drawSource(user: EndUser, ctx: DrawContext): DrawSource {
  return { deviceId: (ctx.deviceId ?? user.deviceId ?? '').slice(0, 128), ip: (ctx.ip ?? '').slice(0, 64) };
}

export type Decision =
  | { kind: 'ok' | 'replay'; record: DrawRecord; streamEntry?: string }
  | { kind: 'error'; code: string; detail?: string };

/** Where a draw comes from: the device and the IP, as the risk step and the draw record keep them. */
export type DrawSource = { deviceId: string; ip: string };

export type DecideDraw = {
  redis: Redis;
  activityId: string;
  meta: ActivityMeta;
  user: EndUser;
  /** The Idempotency-Key, already checked. */
  key: string;
  /** The activity's local day at `now` (limits per day count in it). */
  day: string;
  now: number;
  ctx?: DrawContext;
  /** If the caller has it already (executeDraw's risk step), it is not made again. */
  source?: DrawSource;
  /** Draw without the fairness seed: the hot state names none (docs/fairness.md). */
  unseeded?: boolean;
};

/**
 * The draw's number as the draw script takes it: 'r:i:seedId', derived from the activity's
 * fairness seed (lib/fairness, docs/fairness.md). An activity without a seed draws a random
 * integer ('r::'); a test's own source names the seed with no counter ('r:x:seedId'): neither
 * draw has a proof.
 */
async function drawNumber(
  activityId: string,
  userId: string,
  key: string,
  { random, unseeded }: { random?: () => number; unseeded?: boolean },
): Promise<string> {
  const seed = unseeded ? null : await activeSeed(activityId);
  if (random) return `${random()}:x:${seed?.id ?? ''}`;
  if (!seed) return `${randomInt(0, PROBABILITY_SCALE)}::`;
  const { r, i } = deriveDrawNumber(seed.mac, { activityId, userId, idempotencyKey: key });
  return `${r}:${i}:${seed.id}`;
}

/** The Lua step alone: Redis decides and logs the draw to the stream; nothing is in PostgreSQL yet. */
export async function decideDraw(draw: DecideDraw): Promise<Decision> {
  const { redis, activityId, meta, user, key, day, now, ctx = {}, source } = draw;
  const { deviceId, ip } = source ?? drawSource(user, ctx);
  const number = await drawNumber(activityId, user.userId, key, { random: ctx.random, unseeded: draw.unseeded });
  return luaBatcher(redis, activityId).submit({
    userId: user.userId,
    key,
    args: [
      timeOrderedId(),
      user.userId,
      key,
      now,
      day,
      number,
      deviceId,
      ip,
      localHour(meta.timezone, now),
      RISK_FLAGS[ctx.risk ?? ''],
      ...Array.from({ length: meta.view.maxBundle }, () => timeOrderedId()),
    ],
  });
}

/** Draws of one activity that go to Redis in one script call: its user and idem keys, and its arguments. */
type LuaDraw = { userId: string; key: string; args: (string | number)[] };

/** The most draws one script call decides: Redis does nothing else while it runs (about 20 µs a draw). */
const MAX_LUA_BATCH = 100;
/**
 * One batcher per connection and activity (a script call touches one activity's keys, one
 * hash tag): while a call is out, the activity's next draws wait and go together in the next.
 */
const luaBatcher = batchersBy<Redis, LuaDraw, Decision>({ maxBatch: MAX_LUA_BATCH }, (redis, activityId) => {
  const k = drawKeys(activityId);
  const run = defineScript(redis, drawScript);
  return async (draws) => {
    // Every draw gets as many arguments as the longest (win ids for the largest bundle).
    const stride = Math.max(...draws.map((d) => d.args.length));
    const keys = [k.cfg, k.stock, k.issued, k.stream, k.users];
    // Read from PostgreSQL for the first batch after the connection was made; then from memory.
    const floor = await drawFloor(redis, activityId);
    const args: (string | number)[] = [IDEMPOTENCY_TTL_SECONDS, stride, floor.seq, floor.epoch];
    for (const d of draws) {
      keys.push(k.user(d.userId), k.idem(d.userId, d.key), k.legacyIdem(d.userId, d.key));
      args.push(...d.args);
      for (let pad = d.args.length; pad < stride; pad++) args.push('');
    }
    const answered = run(keys, args) as Promise<[string, string, string?][]>;
    // The draw-log sweeper's mark, sent right behind the script on the same connection, so Redis
    // sets it after the records exist. It stays outside the script: every key the script touches
    // carries the activity's hash tag, and this set is the deployment's. A mark lost to a crash is
    // found by the sweeper's full pass (docs/idle-workers.md); a batch that logged nothing leaves a
    // mark that costs the sweeper one empty look.
    redis
      .sadd(dirtyKey('draw-log'), activityId)
      .catch((err: unknown) =>
        log.warn('could not mark the activity for the draw-log sweeper', { activityId, ...errorFields(err) }),
      );
    const decisions = (await answered).map(toDecision);
    if (decisions.some((d) => d.kind === 'error' && d.detail === 'behind'))
      log.warn('the hot state is older than the records (Redis came back behind them): fenced', { activityId, floor });
    return decisions;
  };
});

function toDecision([kind, payload, detail]: [string, string, string?]): Decision {
  if (kind === 'error') return { kind: 'error', code: payload, ...(detail ? { detail } : {}) };
  return {
    kind: kind as 'ok' | 'replay',
    record: parseRecord(payload),
    ...(kind === 'ok' && detail ? { streamEntry: detail } : {}),
  };
}

/**
 * The draw's rows are in PostgreSQL before this returns, for a new draw and for a replay
 * alike (the first request may still be committing when its retry arrives).
 */
async function makeDurable(draw: DecideDraw, record: DrawRecord, streamEntry?: string): Promise<DrawRecord> {
  const { redis, activityId, meta, day } = draw;
  let inserted: boolean;
  try {
    inserted = await drawCommitter().commit(toDrawRows(record, meta.tenantId, activityId, meta.view), streamEntry);
  } catch (err) {
    if (!(err instanceof RefusedDrawError)) throw err;
    return refuseDraw(redis, { activityId, meta, record, streamEntry, refusal: err.refusal });
  }
  if (inserted) {
    // A draw decided before a Redis restart and committed after it counts in this connection's floor too.
    if (record.q !== undefined) raiseDrawFloor(redis, activityId, record.q);
    return record;
  }
  const [existing] = await findExistingDraws([{ activityId, userId: record.u, idempotencyKey: record.k }]);
  if (existing?.id === record.d) return record;
  const k = drawKeys(activityId);
  if (!existing) {
    // Decided by a generation of the hot state that has since been lost and rebuilt: it never
    // happened. Forget its result so the user's retry with the same key draws afresh.
    const forget = defineScript(redis, forgetStaleScript);
    const stored = [k.idem(record.u, record.k), k.legacyIdem(record.u, record.k)];
    await Promise.all(stored.map((key) => forget([key], [record.d])));
    throw new AppError(
      'ACTIVITY_REBUILDING',
      'the activity was restored from its records meanwhile; retry with the same Idempotency-Key',
      undefined,
      { 'retry-after': '1' },
    );
  }
  // PostgreSQL holds an older draw under this key: that one is the answer, this one is undone.
  const [older] = (await loadDrawRecords(db, drawById(existing.id))).map((r) => r.record);
  await defineScript(redis, undoScript)(
    [k.stock, k.issued, k.user(record.u), k.idem(record.u, record.k)],
    [JSON.stringify(record), day, JSON.stringify(older), IDEMPOTENCY_TTL_SECONDS],
  );
  return older!;
}

/** The record's fields that come from the user token, by the claim's name. */
const CLAIMS = { u: 'sub', dev: 'dev' } as const;

type RefusedDraw = {
  activityId: string;
  meta: ActivityMeta;
  record: DrawRecord;
  /** Its entry in the activity's stream; none for a replay. */
  streamEntry?: string;
  refusal: Refusal;
};

/**
 * PostgreSQL refused the draw's rows (the other draws of its batch were written): the draw is
 * set aside and taken back, so it used nothing, and the caller is told. A replay (no stream
 * entry) leaves that to the request that made the draw.
 */
async function refuseDraw(redis: Redis, refused: RefusedDraw): Promise<never> {
  const {
    activityId,
    meta: { tenantId, timezone },
    record,
    streamEntry,
    refusal,
  } = refused;
  const drawId = record.d;
  let takenBack = false;
  try {
    if (streamEntry) {
      takenBack = await quarantineRefusedDraw(redis, {
        tenantId,
        activityId,
        timezone,
        streamEntry,
        raw: JSON.stringify(record),
        record,
        reason: refusal,
      });
    }
  } catch (err) {
    // Its stream entry stays: the draw-log worker finds it refused again and takes it back.
    log.warn('refused draw left for the draw-log worker to take back', { activityId, drawId, ...errorFields(err) });
  }
  log.error('draw refused by PostgreSQL', { activityId, drawId, ...refusal, takenBack });
  // The user and device ids come from the token's claims: a character PostgreSQL cannot
  // store there (a NUL) makes the token bad, not the server.
  const claims = Object.keys(CLAIMS) as (keyof typeof CLAIMS)[];
  const claim = refusal.sqlState.startsWith('22') && claims.find((f) => record[f].includes('\0'));
  if (claim) throw new AppError('UNAUTHORIZED', `the token's ${CLAIMS[claim]} claim holds a character storage refuses`);
  const requestId = currentRequestId() ?? null;
  throw new AppError('INTERNAL', 'the draw could not be recorded; nothing was used', { requestId });
}

/**
 * Redis has no state for this activity. Unknown or another tenant's → 404; never published →
 * not live; published → its state was lost: fence (503) and rebuild from the records, at most
 * once per interval however many requests arrive (requestRebuild).
 */
async function refuseWithoutState(redis: Redis, tenantId: string, activityId: string): Promise<never> {
  const select = { id: true, status: true } as const;
  const activity = await db.activity.findFirst({ where: { id: activityId, tenantId }, select });
  if (!activity) throw new AppError('NOT_FOUND', `activity ${activityId} not found`);
  if (activity.status === 'DRAFT') throw new AppError('ACTIVITY_NOT_LIVE', 'the activity has not been published');
  if (hasEnded(activity.status)) throw new AppError('ACTIVITY_NOT_LIVE', 'the activity has ended');
  await requestRebuild(redis, activity.id);
  throw new AppError(
    'ACTIVITY_REBUILDING',
    'the activity is being restored from its records; retry with the same Idempotency-Key',
    undefined,
    { 'retry-after': '1' },
  );
}

function notLiveMessage(status: string | undefined): string {
  switch (status) {
    case 'PAUSED':
      return 'the activity is paused';
    case 'ENDED':
      return 'the activity has ended';
    default:
      return 'the activity is not open now';
  }
}

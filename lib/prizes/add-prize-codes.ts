// POST /api/manage/prizes/{prizeId}/codes: a coupon prize's stock is its codes. Adding codes adds
// as many units to the prize's total pool, through the ledger's writer (lib/inventory/move-stock.ts)
// in the transaction that stores them, under the prize's lock, with an audit row. All or nothing:
// a code repeated in the call or already stored for the prize refuses the whole call, naming them.
//
// Codes for a prize a live activity holds go straight on into that activity's pool (a RESERVE in
// the same transaction) and then into its hot state, as other live stock changes do
// (lib/draw/write-hot-state.ts): the transaction reads the state's generation under the activity
// row's lock, so a rebuild from PostgreSQL either reads the codes or is the generation they are
// appended to (add-live-codes-4.lua), never neither and never both. A code is thus handed out by
// the draw at most once, and none stored for the pool is left out of it.
import { db } from '../db';
import { AppError } from '../errors';
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { hasEnded } from '../activity-status';
import { isUuid } from '../ids';
import { moveStock } from '../inventory/move-stock';
import { withPrizeLocks } from '../locks/prize-lock';
import { defineScript, loadLuaScript, requestRedis, type Redis } from '../redis';
import { drawKeys } from '../draw/keys';
import { rebuildActivityState } from '../draw/rebuild-activity';
import { lockStateEpoch } from '../draw/write-hot-state';
import { log } from '../log';
import { INT4_MAX } from '../validation/storage-limits';
import type { AddCodes } from './schemas';
import { repeatedCodes } from '../coupons/parse-code-file';

const addLiveCodesScript = loadLuaScript('lib/coupons/lua', 'add-live-codes-4.lua');

/** `activityId`: the published activity whose pool took the codes, or null (the prize's free pool). */
export type CodesDto = { added: number; total: number; unused: number; activityId: string | null };

/** How many duplicates an error lists: enough to find them, bounded however many there are. */
const MAX_LISTED = 100;

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];
type LivePool = { activityId: string; epoch: number };

export async function addPrizeCodes(
  tenantId: string,
  actor: Actor,
  prizeId: string,
  input: AddCodes,
): Promise<CodesDto> {
  if (!isUuid(prizeId)) throw new AppError('NOT_FOUND', `prize ${prizeId} not found`);
  const repeated = repeatedCodes(input.codes);
  if (repeated.length) throw duplicates('repeated in the call', repeated);
  const redis = await requestRedis();
  return withPrizeLocks(redis, [prizeId], async () => {
    const { dto, live } = await db.$transaction((tx) => storeCodes(tx, { tenantId, actor, prizeId, input }), {
      timeout: 60_000,
    });
    if (live) {
      // Saved: after a Redis error they wait for the next rebuild (reconciliation reports the gap
      // meanwhile); a retry of the call would only be refused as storing them twice.
      await showToDraw(redis, { ...live, prizeId, codes: input.codes }).catch((err: unknown) =>
        log.error('coupon codes saved but not shown to the live draw until its state is rebuilt', {
          activityId: live.activityId,
          prizeId,
          err: String(err),
        }),
      );
    }
    return dto;
  });
}

async function storeCodes(
  tx: Tx,
  { tenantId, actor, prizeId, input }: { tenantId: string; actor: Actor; prizeId: string; input: AddCodes },
): Promise<{ dto: CodesDto; live: LivePool | null }> {
  const prize = await tx.prize.findFirst({
    where: { id: prizeId, tenantId },
    select: { kind: true, availableStock: true },
  });
  if (!prize) throw new AppError('NOT_FOUND', `prize ${prizeId} not found`);
  if (prize.kind !== 'COUPON') throw new AppError('INVALID_STATE', 'only a coupon prize has codes');
  const live = await livePoolFor(tx, { tenantId, prizeId, activityId: input.activityId });
  const stored = await tx.couponCode.findMany({
    where: { prizeId, code: { in: input.codes } },
    select: { code: true },
  });
  if (stored.length)
    throw duplicates(
      'already stored',
      stored.map((s) => s.code),
    );
  const before = await countCodes(tx, prizeId);
  if (before.total + input.codes.length > INT4_MAX) {
    throw new AppError('VALIDATION_FAILED', 'codes: the prize holds too many codes', {
      issues: [{ path: 'codes', message: `a prize holds at most ${INT4_MAX} codes` }],
    });
  }
  const added = input.codes.length;
  const activityId = live?.activityId ?? null;
  await tx.couponCode.createMany({ data: input.codes.map((code) => ({ tenantId, prizeId, code, activityId })) });
  const restock = { kind: 'RESTOCK', poolDelta: added, reason: `${added} coupon codes added` } as const;
  let { available } = await moveStock(tx, { tenantId, prizeId, ...restock, actor });
  if (live) {
    const reserve = { kind: 'RESERVE', poolDelta: -added, activityDelta: added } as const;
    const reason = `${added} coupon codes added to the live pool`;
    const moved = { tenantId, prizeId, activityId: live.activityId, ...reserve, reason, actor };
    ({ available } = await moveStock(tx, moved));
  }
  const after = { total: before.total + added, unused: before.unused + added };
  await writeAuditLog(
    tenantId,
    actor,
    {
      action: 'prize.codes.add',
      objectType: 'Prize',
      objectId: prizeId,
      before: { available: prize.availableStock, codes: before.total },
      after: { available, codes: after.total, added, activityId },
    },
    tx,
  );
  return { dto: { added, ...after, activityId }, live };
}

/**
 * The published activity whose pool takes the codes, its state generation read under its row's
 * lock (so it cannot end, nor its state be rebuilt, before this transaction commits). Named: it
 * must hold a pool of the prize and not have ended. Unnamed: the one live or paused activity
 * holding the prize, if exactly one does; otherwise the codes go to the prize's free pool.
 */
async function livePoolFor(
  tx: Tx,
  { tenantId, prizeId, activityId }: { tenantId: string; prizeId: string; activityId: string | undefined },
): Promise<LivePool | null> {
  let target = activityId;
  if (target === undefined) {
    const holders = await tx.activityStock.findMany({
      where: { prizeId, activity: { tenantId, status: { in: ['LIVE', 'PAUSED'] } } },
      select: { activityId: true },
      take: 2,
    });
    if (holders.length !== 1) return null;
    target = holders[0]!.activityId;
  }
  const activity = await tx.activity.findFirst({ where: { id: target, tenantId }, select: { id: true } });
  if (!activity) throw new AppError('NOT_FOUND', `activity ${target} not found`);
  const epoch = await lockStateEpoch(tx, activity.id);
  const { status } = await tx.activity.findUniqueOrThrow({ where: { id: activity.id }, select: { status: true } });
  const published = status !== 'DRAFT' && !hasEnded(status);
  if (activityId === undefined) return published ? { activityId: activity.id, epoch } : null;
  if (!published) {
    throw new AppError('INVALID_STATE', `the activity is ${status.toLowerCase()}; only a published one takes codes`);
  }
  const pool = await tx.activityStock.findUnique({
    where: { activityId_prizeId: { activityId: activity.id, prizeId } },
    select: { reserved: true },
  });
  if (!pool) throw new AppError('NOT_FOUND', `the activity has no pool of prize ${prizeId}`);
  return { activityId: activity.id, epoch };
}

/** Rebuilds within one call when the state keeps vanishing under it (Redis restarting). */
const MAX_ATTEMPTS = 3;

/**
 * The stored codes in the activity's hot state (or in a newer generation of it) when this returns,
 * or marked for the rebuild that shows the state next, which reads them from the records. The
 * codes are saved either way, so this never fails the call once they are: a caller retrying a
 * saved call would only be told they are stored already.
 */
async function showToDraw(
  redis: Redis,
  { activityId, epoch, prizeId, codes }: LivePool & { prizeId: string; codes: string[] },
): Promise<void> {
  const k = drawKeys(activityId);
  const append = defineScript(redis, addLiveCodesScript);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const answer = await append([k.cfg, k.stock, k.codes(prizeId), k.changedWhileMissing], [epoch, prizeId, ...codes]);
    if (answer !== 0) return;
    // No state: rebuilt now from records that hold the codes, or by a rebuild that was marked.
    if ((await rebuildActivityState(redis, activityId)) !== 'present') return;
  }
  log.warn('coupon codes saved; the live state keeps disappearing and will be restored with them', {
    activityId,
    prizeId,
  });
}

/** Codes of the prize: all of them, and those no win took. */
export async function countCodes(tx: Pick<Tx, 'couponCode'>, prizeId: string) {
  const [total, unused] = await Promise.all([
    tx.couponCode.count({ where: { prizeId } }),
    tx.couponCode.count({ where: { prizeId, winId: null } }),
  ]);
  return { total, unused };
}

function duplicates(why: string, codes: string[]) {
  const listed = codes.slice(0, MAX_LISTED);
  const more = codes.length > listed.length ? ` (and ${codes.length - listed.length} more)` : '';
  return new AppError('VALIDATION_FAILED', `codes ${why}: ${listed.join(', ')}${more}; nothing was added`, {
    duplicates: listed,
    count: codes.length,
    issues: [{ path: 'codes', message: `${codes.length} codes ${why}` }],
  });
}

// Fixed-winner mode: when an activity with `fixedWinners = N`
// has ended, exactly N winners are drawn among everyone who took part (its Participation
// rows, in user id order), uniformly, by reservoir sampling with numbers derived from the
// activity's fairness seed (lib/fairness/fixed-winners-random.ts, docs/fairness.md), and announced
// to the host app by win.created (emitted with the wins, lib/webhooks/).
//
// What they win: the bundle of the activity's FIRST tier (position 0), one per winner, taken
// from the same tier stock and activity pools that instant wins use. The spec refuses a first
// tier whose stock is below N; if instant wins of that tier (or an operator's change) leave
// too little, the winners are as many as the stock covers, chosen uniformly among the N
// sampled, and the shortfall is in the audit entry.
//
// Records: one Draw row per winner (idempotency key `fixed-winners`, outcome WIN, the first
// tier, and in `fairness` the reservoir step that picked them when drawn from the seed), its Win rows, the winner's Participation counted like any draw, one ISSUE ledger row
// per prize (the marker that the draw happened, unique by dedupe key) and one AuditLog row.
//
// Exactly once under at-least-once delivery: the hot state's stock is taken by a script that
// leaves a marker (a retry after a crash takes nothing more), and the rows are written in one
// transaction under a lock of the activity row that first looks for the ledger marker, so a
// second run, concurrent or later, writes nothing and only re-announces the same winners.
import type { Prisma } from '@/generated/prisma/client';
import { hasEnded } from '../activity-status';
import { db } from '../db';
import { timeOrderedId } from '../ids';
import { writeAuditLog } from '../audit/write-audit-log';
import { drainDrawLog } from '../draw/drain-draw-log';
import { drawKeys } from '../draw/keys';
import { issueCodes } from '../coupons/coupon-pool';
import { moveStock } from '../inventory/move-stock';
import { withPrizeLocks } from '../locks/prize-lock';
import { activityKey, defineScript, loadLuaScript, requestRedis, type Redis } from '../redis';
import { dispatchWinCreated, emitWinCreated, undeliveredWinStatus } from '../webhooks/emit-win-created';
import type { FixedWinnerFairness } from '../fairness/draw-fairness';
import { fixedWinnersRandom, fixedWinnersSeed, type SeededRandomBelow } from '../fairness/fixed-winners-random';
import { forgetUserRecords } from '../read-cache/user-records-cache';
import { cryptoRandomBelow, reservoirSample, type OnPlace, type RandomBelow } from './reservoir-sample';

const takeStockScript = loadLuaScript('lib/fixed-winners/lua', 'take-fixed-stock-3.lua');

export const FIXED_WINNERS_ACTOR = { type: 'SYSTEM', id: 'fixed-winners' } as const;
/** The idempotency key of the fixed-winner draw's Draw rows (unique per activity and user). */
export const FIXED_WINNERS_DRAW_KEY = 'fixed-winners';
/** The hot state's "stock taken" marker outlives any retry of the job. */
const MARKER_TTL_SECONDS = 30 * 86400;
const PAGE = 1_000;

export type FixedWinnersResult = {
  winners: string[];
  winIds: string[];
  participants: number | null;
  alreadyDrawn: boolean;
};

type Activity = NonNullable<Awaited<ReturnType<typeof loadActivity>>>;

function loadActivity(activityId: string) {
  return db.activity.findUnique({
    where: { id: activityId },
    select: {
      tenantId: true,
      status: true,
      fixedWinners: true,
      claimWindowHours: true,
      tiers: {
        where: { removedAt: null },
        select: {
          id: true,
          stock: true,
          prizes: {
            select: { prizeId: true, quantity: true, prize: { select: { kind: true } } },
            orderBy: { prizeId: 'asc' },
          },
        },
        orderBy: { position: 'asc' },
        take: 1,
      },
    },
  });
}

/** Whether the fixed-winner draw of an activity has happened (its ledger marker exists). */
export async function fixedWinnersDrawn(
  activityId: string,
  tx: Pick<Prisma.TransactionClient, 'stockMovement'> = db,
): Promise<boolean> {
  return (await tx.stockMovement.count({ where: { activityId, kind: 'ISSUE', actorId: FIXED_WINNERS_ACTOR.id } })) > 0;
}

/** Every participant's user id, in pages by the primary key, never all in memory. */
export async function* participants(activityId: string): AsyncGenerator<string> {
  let cursor: string | undefined;
  for (;;) {
    const page = await db.participation.findMany({
      where: { activityId, ...(cursor !== undefined ? { userId: { gt: cursor } } : {}) },
      orderBy: { userId: 'asc' },
      select: { userId: true },
      take: PAGE,
    });
    for (const p of page) yield p.userId;
    if (page.length < PAGE) return;
    cursor = page[page.length - 1]!.userId;
  }
}

/** The job: draws the winners of an ended fixed-winner activity once; null if it is not one (or not ended). */
export async function drawFixedWinners(
  activityId: string,
  options: { randomBelow?: RandomBelow; now?: number } = {},
): Promise<FixedWinnersResult | null> {
  const { now = Date.now() } = options;
  const a = await loadActivity(activityId);
  if (!a || a.fixedWinners === null || !hasEnded(a.status) || a.tiers.length === 0) return null;
  if (await fixedWinnersDrawn(activityId)) return announce(a.tenantId, activityId, null, true);
  // From the activity's fairness seed, so the winners can be recomputed once it is revealed.
  const seed = options.randomBelow ? null : await fixedWinnersSeed(activityId);
  const seeded = seed ? fixedWinnersRandom(seed.seed, activityId) : null;
  const randomBelow = options.randomBelow ?? seeded ?? cryptoRandomBelow;
  const proof = seed && seeded ? { seedId: seed.id, random: seeded, placements: [] as Placement[] } : null;
  const redis = await requestRedis();
  // Every draw decided before the end must be a Participation row before the lots are drawn.
  await drainDrawLog(redis, activityId);
  let count = 0;
  const counted = async function* () {
    for await (const userId of participants(activityId)) {
      count++;
      yield userId;
    }
  };
  const sample = await reservoirSample(
    counted(),
    a.fixedWinners,
    randomBelow,
    proof && placeInto(proof, proof.placements),
  );
  const tier = a.tiers[0]!;
  const lots = { activity: a, activityId, sample, participantCount: count, randomBelow, proof, now };
  const written = await withPrizeLocks(
    redis,
    tier.prizes.map((p) => p.prizeId),
    () => writeWinners(redis, lots),
  );
  return announce(a.tenantId, activityId, count, !written);
}

/** How a sampled item came to hold its slot: its position in the stream, the counter i and number r that chose the slot. */
type Placement = { position: number; i: number | null; r: number | null };
/** What a fixed winner's proof needs: the seed, its numbers' counter, and each slot's placement. */
type ProofTrace = { seedId: string; random: SeededRandomBelow; placements: Placement[] };

/** Records each slot's last placement (the one that stays), with the counter of the number that chose it. */
function placeInto(proof: ProofTrace, placements: Placement[]): OnPlace {
  return (slot, position, j) => {
    placements[slot] = { position, i: j === null ? null : proof.random.lastCounter(), r: j };
  };
}

type Lots = {
  activity: Activity;
  activityId: string;
  /** The users drawn, uniformly among every participant; fewer win if the stock covers fewer. */
  sample: string[];
  participantCount: number;
  randomBelow: RandomBelow;
  /** Null when the winners were not drawn from a seed: their draws have no proof. */
  proof: ProofTrace | null;
  now: number;
};

async function writeWinners(redis: Redis, lots: Lots): Promise<boolean> {
  const { activity: a, activityId, sample, participantCount, randomBelow, proof, now } = lots;
  const tier = a.tiers[0]!;
  const k = drawKeys(activityId);
  const hot = (await redis.exists(k.cfg)) === 1;
  const coveredByHotState = hot
    ? Number(
        await defineScript(redis, takeStockScript)(
          [k.stock, k.issued, activityKey(activityId, 'fixed-winners')],
          [tier.id, sample.length, MARKER_TTL_SECONDS, ...tier.prizes.flatMap((p) => [p.prizeId, p.quantity])],
        ),
      )
    : null;
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Activity" WHERE id = ${activityId}::uuid FOR UPDATE`;
    if (await fixedWinnersDrawn(activityId, tx)) return false;
    const covered = Math.min(sample.length, coveredByHotState ?? (await coveredByRows(tx, activityId, tier)));
    // A uniform subset of a uniform sample is a uniform sample.
    const subsampled = covered < sample.length;
    const subPlacements: Placement[] = [];
    const winners = subsampled
      ? await reservoirSample(sample, covered, randomBelow, proof && placeInto(proof, subPlacements))
      : sample;
    const createdAt = new Date(now);
    const fairnessOf = (k: number): FixedWinnerFairness | undefined => {
      if (!proof) return undefined;
      const sub = subsampled ? subPlacements[k]! : null;
      const slot = sub ? sub.position : k;
      const { position, i, r } = proof.placements[slot]!;
      return {
        k: 'fixed-winners',
        s: proof.seedId,
        n: participantCount,
        w: a.fixedWinners!,
        c: covered,
        p: position,
        slot,
        i,
        r,
        sub: sub && { slot: k, i: sub.i, r: sub.r },
      };
    };
    const draws = winners.map((userId, k) => ({ id: timeOrderedId(), userId, fairness: fairnessOf(k) }));
    if (draws.length) {
      await tx.draw.createMany({
        data: draws.map((d) => ({
          id: d.id,
          tenantId: a.tenantId,
          activityId,
          userId: d.userId,
          idempotencyKey: FIXED_WINNERS_DRAW_KEY,
          outcome: 'WIN',
          tierId: tier.id,
          chanceKind: 'FREE',
          chancesLeft: 0,
          ...(d.fairness ? { fairness: d.fairness } : {}),
          createdAt,
        })),
      });
      const otherStatus = new Map<string, 'PENDING_DELIVERY' | 'DELIVERED'>();
      for (const p of tier.prizes) otherStatus.set(p.prizeId, await undeliveredWinStatus(tx, a.tenantId, p.prize.kind));
      const wins = draws.flatMap((d) =>
        tier.prizes.map((p) => {
          // Physical prizes wait for an address, as after an instant win; the others are delivered
          // (virtual and points ones by the host app's fulfilment endpoint, when there is one).
          const physical = p.prize.kind === 'PHYSICAL';
          return {
            id: timeOrderedId(),
            tenantId: a.tenantId,
            activityId,
            drawId: d.id,
            tierId: tier.id,
            prizeId: p.prizeId,
            userId: d.userId,
            quantity: p.quantity,
            status: physical ? ('AWAITING_CLAIM' as const) : otherStatus.get(p.prizeId)!,
            claimExpiresAt: physical && a.claimWindowHours ? new Date(now + a.claimWindowHours * 3600_000) : null,
            createdAt,
          };
        }),
      );
      await tx.win.createMany({ data: wins });
      const coupons = new Set(tier.prizes.filter((p) => p.prize.kind === 'COUPON').map((p) => p.prizeId));
      await issueCodes(
        tx,
        activityId,
        wins.filter((w) => coupons.has(w.prizeId)),
      );
      await emitWinCreated(
        tx,
        a.tenantId,
        wins.map((w) => w.id),
      );
      await tx.participation.updateMany({
        where: { activityId, userId: { in: winners } },
        data: { draws: { increment: 1 }, wins: { increment: 1 } },
      });
    }
    for (const p of tier.prizes) {
      // issued becomes what the rows say, as a void does; the hot state already counts them.
      await moveStock(tx, {
        tenantId: a.tenantId,
        prizeId: p.prizeId,
        activityId,
        kind: 'ISSUE',
        issuedDelta: covered * p.quantity,
        issuedFromWins: true,
        reason: `fixed-winner draw: ${covered} of ${a.fixedWinners} winners among ${participantCount} participants`,
        actor: FIXED_WINNERS_ACTOR,
        dedupeKey: `fixed-winners:${activityId}:${p.prizeId}`,
      });
    }
    const [tierWins] = await tx.$queryRaw<{ n: number }[]>`
      SELECT count(DISTINCT "drawId")::int AS n FROM "Win" WHERE "activityId" = ${activityId}::uuid AND "tierId" = ${tier.id}::uuid AND status <> 'VOID'`;
    await tx.tier.update({ where: { id: tier.id }, data: { issued: tierWins!.n, version: { increment: 1 } } });
    await writeAuditLog(
      a.tenantId,
      FIXED_WINNERS_ACTOR,
      {
        action: 'activity.fixed-winners',
        objectType: 'Activity',
        objectId: activityId,
        after: {
          wanted: a.fixedWinners,
          participants: participantCount,
          drawn: covered,
          shortfall: a.fixedWinners! - covered,
          tierId: tier.id,
          winners,
        },
      },
      tx,
    );
    return true;
  });
}

/** Wins the stock still covers when the hot state is gone: the tier's and each pool's remainder, from the rows. */
async function coveredByRows(
  tx: Prisma.TransactionClient,
  activityId: string,
  tier: Activity['tiers'][number],
): Promise<number> {
  const [tierWins] = await tx.$queryRaw<{ n: number }[]>`
    SELECT count(DISTINCT "drawId")::int AS n FROM "Win" WHERE "activityId" = ${activityId}::uuid AND "tierId" = ${tier.id}::uuid AND status <> 'VOID'`;
  let covered = tier.stock - tierWins!.n;
  for (const p of tier.prizes) {
    const pool = await tx.activityStock.findUniqueOrThrow({
      where: { activityId_prizeId: { activityId, prizeId: p.prizeId } },
      select: { reserved: true, returned: true },
    });
    const [won] = await tx.$queryRaw<{ units: number }[]>`
      SELECT coalesce(sum(quantity), 0)::int AS units FROM "Win" WHERE "activityId" = ${activityId}::uuid AND "prizeId" = ${p.prizeId}::uuid AND status <> 'VOID'`;
    covered = Math.min(covered, Math.floor((pool.reserved - pool.returned - won!.units) / p.quantity));
  }
  return Math.max(0, covered);
}

/** Queues each fixed-winner win's win.created (emitted with the wins); a repeat queues nothing twice. */
async function announce(
  tenantId: string,
  activityId: string,
  participantCount: number | null,
  alreadyDrawn: boolean,
): Promise<FixedWinnersResult> {
  const wins = await db.win.findMany({
    where: { activityId, draw: { idempotencyKey: FIXED_WINNERS_DRAW_KEY } },
    select: { id: true, userId: true },
    orderBy: { userId: 'asc' },
  });
  await dispatchWinCreated(
    tenantId,
    wins.map((w) => w.id),
  );
  await forgetUserRecords(wins.map((w) => ({ tenantId, activityId, userId: w.userId })));
  return {
    winners: [...new Set(wins.map((w) => w.userId))],
    winIds: wins.map((w) => w.id),
    participants: participantCount,
    alreadyDrawn,
  };
}

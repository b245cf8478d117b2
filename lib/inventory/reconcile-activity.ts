// Reconciliation: per activity pool, Redis, ActivityStock, the Win rows and
// the ledger must agree. Drift raises an Alert (one per condition, by dedupe key) and is never
// "fixed" silently; issuing more than was reserved raises a CRITICAL alert at once.
//
// Checked, per pool, under the prize's lock (so no stock change moves in between):
//  - hot state:  left + issued (Redis) = reserved − returned (PostgreSQL); draws only move
//    units from left to issued, so this holds at every instant;
//  - over-issue: units in Win rows (not void) ≤ reserved − returned;
//  - ledger:     Σ activityDelta = reserved and Σ returnedDelta = returned for the pool, and
//                Σ poolDelta = available for the prize;
//  - issued vs the Win rows (units not void, W), without false alarms while draws run:
//      W ≤ Redis issued read after counting W (every committed win went through the Lua step
//        first; voids take the prize lock we hold), else PostgreSQL has wins Redis never counted;
//      W ≥ Redis issued read before counting W when the draw stream was empty at that read
//        (an entry leaves the stream only once its rows are committed), else a win was lost;
//      ActivityStock.issued ≤ Redis issued (it is a written-back copy), and = W once the
//        activity has ended and its stock was returned (nothing is in flight any more).
import { ENDED_STATUSES, hasEnded } from '../activity-status';
import { db } from '../db';
import { errorFields, log } from '../log';
import { requestRedis } from '../redis';
import { passOverMarked } from '../workers/dirty-activities';
import { drawKeys } from '../draw/keys';
import { withPrizeLocks } from '../locks/prize-lock';
import { raiseStockAlert, type Drift } from '../alerts/raise-stock-alert';

export async function reconcileActivity(activityId: string): Promise<Drift[]> {
  const activity = await db.activity.findUnique({
    where: { id: activityId },
    select: { tenantId: true, status: true, stockReturnedAt: true, stocks: { select: { prizeId: true } } },
  });
  if (!activity || activity.status === 'DRAFT') return [];
  const redis = await requestRedis();
  const k = drawKeys(activityId);
  const drifts: Drift[] = [];
  for (const { prizeId } of activity.stocks) {
    await withPrizeLocks(redis, [prizeId], async () => {
      // Before counting the rows: Redis's issued count and whether any draw is still uncommitted.
      const [backlog, issuedBefore] = (await redis.multi().xlen(k.stream).hget(k.issued, `p:${prizeId}`).exec())!.map(
        ([, v]) => Number(v ?? 0),
      ) as [number, number];
      const pool = await db.activityStock.findUniqueOrThrow({
        where: { activityId_prizeId: { activityId, prizeId } },
        select: { reserved: true, returned: true, issued: true },
      });
      const held = pool.reserved - pool.returned;
      const [wonRows, ledger, prize, prizeLedger] = await Promise.all([
        db.win.aggregate({ where: { activityId, prizeId, status: { not: 'VOID' } }, _sum: { quantity: true } }),
        db.stockMovement.aggregate({
          where: { activityId, prizeId },
          _sum: { activityDelta: true, returnedDelta: true },
        }),
        db.prize.findUniqueOrThrow({ where: { id: prizeId }, select: { availableStock: true } }),
        db.stockMovement.aggregate({ where: { prizeId }, _sum: { poolDelta: true } }),
      ]);
      const won = wonRows._sum.quantity ?? 0;
      if (won > held)
        drifts.push({
          prizeId,
          kind: 'over-issue',
          message: `${won} units won but only ${held} held by the pool`,
          details: { won, reserved: pool.reserved, returned: pool.returned },
        });
      if (
        (ledger._sum.activityDelta ?? 0) !== pool.reserved ||
        (ledger._sum.returnedDelta ?? 0) !== pool.returned ||
        (prizeLedger._sum.poolDelta ?? 0) !== prize.availableStock
      ) {
        drifts.push({
          prizeId,
          kind: 'ledger',
          message: 'the ledger does not sum to the pools',
          details: {
            ledgerReserved: ledger._sum.activityDelta ?? 0,
            reserved: pool.reserved,
            ledgerReturned: ledger._sum.returnedDelta ?? 0,
            returned: pool.returned,
            ledgerAvailable: prizeLedger._sum.poolDelta ?? 0,
            available: prize.availableStock,
          },
        });
      }
      if (hasEnded(activity.status) && activity.stockReturnedAt && pool.issued !== won) {
        drifts.push({
          prizeId,
          kind: 'issued-rows',
          message: `the pool says ${pool.issued} units issued but the Win rows hold ${won}`,
          details: { poolIssued: pool.issued, won },
        });
      }
      if (!hasEnded(activity.status) && (await redis.exists(k.cfg))) {
        const [left, issued] = (await redis
          .multi()
          .hget(k.stock, `p:${prizeId}`)
          .hget(k.issued, `p:${prizeId}`)
          .exec())!.map(([, v]) => Number(v ?? 0));
        if (left! + issued! !== held)
          drifts.push({
            prizeId,
            kind: 'hot-state',
            message: `Redis holds ${left! + issued!} units (left ${left}, issued ${issued}) where the records hold ${held}`,
            details: { left: left!, issued: issued!, held },
          });
        const issuedAfter = Number((await redis.hget(k.issued, `p:${prizeId}`)) ?? 0);
        const streamWasEmpty = backlog === 0;
        if (won > issuedAfter || (streamWasEmpty && won < issuedBefore) || pool.issued > issuedAfter) {
          drifts.push({
            prizeId,
            kind: 'issued-rows',
            message:
              won > issuedAfter
                ? `the Win rows hold ${won} units but Redis counts only ${issuedAfter} issued`
                : pool.issued > issuedAfter
                  ? `the pool says ${pool.issued} units issued but Redis counts only ${issuedAfter}`
                  : `Redis counts ${issuedBefore} units issued but the Win rows hold only ${won}: a win is missing from the records`,
            details: { won, redisIssued: issuedAfter, poolIssued: pool.issued },
          });
        }
      }
    });
  }
  for (const d of drifts) await raiseStockAlert(activity.tenantId, activityId, d);
  return drifts;
}

/** The full pass: every published, not yet settled activity (`only`: those of them). */
export async function reconcileAll({ only }: { only?: string[] } = {}): Promise<{ found: number; failed: string[] }> {
  const activities = await db.activity.findMany({
    where: {
      ...(only ? { id: { in: only } } : {}),
      status: { in: ['SCHEDULED', 'LIVE', 'PAUSED', ...ENDED_STATUSES] },
      OR: [{ stockReturnedAt: null }, { endedAt: { gte: new Date(Date.now() - 86400_000) } }],
    },
    select: { id: true },
    take: 1_000,
  });
  let found = 0;
  const failed: string[] = [];
  for (const a of activities) {
    try {
      found += (await reconcileActivity(a.id)).length;
    } catch (err) {
      failed.push(a.id);
      log.warn('reconciliation failed', { activityId: a.id, ...errorFields(err) });
    }
  }
  return { found, failed };
}

/** The frequent pass: the activities marked since the last one (lib/workers/dirty-activities.ts). */
export async function reconcileMarked(): Promise<number> {
  const result = await passOverMarked(await requestRedis(), 'reconcile', (only) => reconcileAll({ only }));
  return result?.found ?? 0;
}

// A change applied while draws run: each draw is decided wholly under one version, the one it
// records. Version 1 has tier C with odds but no stock (a pick of C loses); version 2 moves odds
// from A to C and gives C stock (a pick of C wins). A draw that saw the new odds with the old
// stock, or the other way round, would show as a C pick whose outcome disagrees with its version.
import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { POST as proposeRoute } from '@/app/api/manage/activities/[id]/changes/route';
import { db } from '@/lib/db';
import { executeDraw } from '@/lib/draw/execute-draw';
import { reconcileActivity } from '@/lib/inventory/reconcile-activity';
import { endUser, liveActivity } from '../helpers/activities';
import { bearer, callRoute } from '../helpers/fixtures';

const DRAWS = 1_000;
const CONCURRENCY = 16;

type Odds = { id: string; p: number }[];

/** The draw's tier pick: the first tier whose running sum of odds (millionths) exceeds r. */
function pick(odds: Odds, r: number): string | null {
  let sum = 0;
  for (const t of odds) {
    sum += t.p;
    if (r < sum) return t.id;
  }
  return null;
}

describe('a change applied under 1,000 draws', () => {
  it('never lets a draw see half of it: tier pick and stock check match the version it records', async () => {
    const { tenant, activity } = await liveActivity(
      (p) => [
        { name: 'A', probability: 0.3, stock: 100_000, prizes: [{ prizeId: p[0]! }] },
        { name: 'C', probability: 0.2, stock: 0, prizes: [{ prizeId: p[0]! }] },
      ],
      { stocks: [300_000] },
    );
    const [a, c] = activity.tiers.map((t) => t.id) as [string, string];
    const rs = new Map<string, number>();
    let next = 0;
    let change: Promise<{ status: number; json: { status: string } }> | null = null;
    const loop = async () => {
      for (let i = next++; i < DRAWS; i = next++) {
        if (i === 300) {
          change = callRoute(proposeRoute, {
            method: 'POST',
            headers: bearer(tenant.apiKey),
            params: { id: activity.id },
            body: {
              patch: {
                tiers: [
                  { id: a, probability: 0.1 },
                  { id: c, probability: 0.4, stock: 100_000 },
                ],
              },
            },
          });
        }
        const r = randomInt(0, 1_000_000);
        const key = `k-${i}`;
        rs.set(key, r);
        await executeDraw(endUser(tenant, `u-${i}`), activity.id, key, { random: () => r });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, loop));
    const applied = await change!;
    expect(applied.status).toBe(201);
    expect(applied.json.status).toBe('APPLIED');

    const versions = await db.configVersion.findMany({
      where: { activityId: activity.id },
      orderBy: { version: 'asc' },
    });
    const oddsOf = new Map(
      versions.map((v) => [
        v.version,
        (v.config as { tiers: { id: string; probability: number; stock: number }[] }).tiers.map((t) => ({
          id: t.id,
          p: Math.round(t.probability * 1_000_000),
          stock: t.stock,
        })),
      ]),
    );
    const draws = await db.draw.findMany({ where: { activityId: activity.id } });
    expect(draws).toHaveLength(DRAWS);
    const byVersion = new Map<number, number>();
    const wrong: string[] = [];
    for (const d of draws) {
      const tiers = oddsOf.get(d.configVersion!);
      if (!tiers) {
        wrong.push(`${d.idempotencyKey}: version ${d.configVersion} not recorded`);
        continue;
      }
      byVersion.set(d.configVersion!, (byVersion.get(d.configVersion!) ?? 0) + 1);
      const picked = pick(tiers, rs.get(d.idempotencyKey)!);
      const stock = tiers.find((t) => t.id === picked)?.stock ?? 0;
      // A pick of a tier with stock wins it; a pick of one without (C under version 1) loses.
      const expected = picked !== null && stock > 0 ? picked : null;
      if (d.tierId !== expected) {
        wrong.push(
          `${d.idempotencyKey} v${d.configVersion} r=${rs.get(d.idempotencyKey)}: ${d.tierId} not ${expected}`,
        );
      }
    }
    expect(wrong).toEqual([]);
    // Both versions decided draws: the change landed while they ran.
    expect([...byVersion.keys()].sort()).toEqual([1, 2]);
    expect(await reconcileActivity(activity.id)).toEqual([]);
  });
});

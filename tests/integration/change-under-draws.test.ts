// A change applied while draws run: each draw is decided wholly under one version, the one it
// records. Version 1 has tier C with odds but no stock (a pick of C loses); version 2 moves odds
// from A to C and gives C stock (a pick of C wins). A draw that saw the new odds with the old
// stock, or the other way round, would show as a C pick whose outcome disagrees with its version.
import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { POST as proposeRoute } from '@/app/api/manage/activities/[id]/changes/route';
import { POST as restoreRoute } from '@/app/api/manage/activities/[id]/versions/[version]/restore/route';
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

  it('adds a tier and takes one out, then restores version 1, under draws: each draw matches its version', async () => {
    const { tenant, activity, prizes } = await liveActivity(
      (p) => [
        { name: 'A', probability: 0.3, stock: 100_000, prizes: [{ prizeId: p[0]! }] },
        { name: 'B', probability: 0.2, stock: 100_000, prizes: [{ prizeId: p[0]! }] },
      ],
      { stocks: [300_000, 150_000] },
    );
    const b = activity.tiers[1]!.id;
    const auth = bearer(tenant.apiKey);
    const rs = new Map<string, number>();
    let next = 0;
    let added: Promise<{ status: number; json: { id: string; status: string } }> | null = null;
    let restored: Promise<{ status: number; json: { id: string; status: string } }> | null = null;
    const loop = async () => {
      for (let i = next++; i < DRAWS; i = next++) {
        if (i === 300) {
          added = callRoute(proposeRoute, {
            method: 'POST',
            headers: auth,
            params: { id: activity.id },
            body: {
              patch: {
                removeTiers: [b],
                tiers: [{ name: 'N', probability: 0.3, stock: 100_000, prizes: [{ prizeId: prizes[1]!.id }] }],
              },
            },
          });
        }
        if (i === 650) {
          expect((await added!).json.status).toBe('APPLIED');
          restored = callRoute(restoreRoute, {
            method: 'POST',
            headers: auth,
            params: { id: activity.id, version: '1' },
            body: {},
          });
        }
        const r = randomInt(0, 1_000_000);
        const key = `k-${i}`;
        rs.set(key, r);
        await executeDraw(endUser(tenant, `u-${i}`), activity.id, key, { random: () => r });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, loop));
    const [first, second] = [await added!, await restored!];
    expect([first.status, first.json.status]).toEqual([201, 'APPLIED']);
    expect([second.status, second.json.status]).toEqual([201, 'APPLIED']);

    const versions = await db.configVersion.findMany({
      where: { activityId: activity.id },
      orderBy: { version: 'asc' },
    });
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3]);
    // Restored: tier B back in its place, N taken out: version 1's configuration, hash for hash.
    expect(versions[2]!.hash).toBe(versions[0]!.hash);
    const tiersOf = new Map(
      versions.map((v) => [
        v.version,
        (v.config as { tiers: { id: string; name: string; probability: number; stock: number }[] }).tiers.map((t) => ({
          id: t.id,
          name: t.name,
          p: Math.round(t.probability * 1_000_000),
          stock: t.stock,
        })),
      ]),
    );
    expect(tiersOf.get(2)!.map((t) => t.name)).toEqual(['A', 'N']);
    const draws = await db.draw.findMany({ where: { activityId: activity.id } });
    expect(draws).toHaveLength(DRAWS);
    const byVersion = new Map<number, number>();
    const wrong: string[] = [];
    for (const d of draws) {
      const tiers = tiersOf.get(d.configVersion!)!;
      byVersion.set(d.configVersion!, (byVersion.get(d.configVersion!) ?? 0) + 1);
      const expected = pick(tiers, rs.get(d.idempotencyKey)!);
      if (d.tierId !== expected) wrong.push(`${d.idempotencyKey} v${d.configVersion}: ${d.tierId} not ${expected}`);
    }
    expect(wrong).toEqual([]);
    expect([...byVersion.keys()].sort()).toEqual([1, 2, 3]);

    // B's unissued wins went back when it was taken out, N's too; N's pool was reserved for it first.
    const n = tiersOf.get(2)!.find((t) => t.name === 'N')!.id;
    const issued = async (tierId: string, versions: number[]) =>
      db.draw.count({ where: { activityId: activity.id, tierId, configVersion: { in: versions } } });
    const moves = await db.stockMovement.findMany({
      where: { activityId: activity.id, reason: { in: [`change ${first.json.id}`, `change ${second.json.id}`] } },
      select: { prizeId: true, kind: true, activityDelta: true, reason: true },
    });
    const freedB = 100_000 - (await issued(b, [1]));
    const freedN = 100_000 - (await issued(n, [2]));
    const [p0, p1] = [prizes[0]!.id, prizes[1]!.id];
    const order = (m: { reason: string | null; prizeId: string }) => `${m.reason} ${m.prizeId}`;
    const sorted = <T extends { reason: string | null; prizeId: string }>(ms: T[]) =>
      [...ms].sort((x, y) => (order(x) < order(y) ? -1 : 1));
    expect(sorted(moves)).toEqual(
      sorted([
        { prizeId: p0, kind: 'RELEASE', activityDelta: -freedB, reason: `change ${first.json.id}` },
        { prizeId: p1, kind: 'RESERVE', activityDelta: 100_000, reason: `change ${first.json.id}` },
        // The restore brings B back with its stock, so B's freed units are reserved again.
        { prizeId: p0, kind: 'RESERVE', activityDelta: freedB, reason: `change ${second.json.id}` },
        { prizeId: p1, kind: 'RELEASE', activityDelta: -freedN, reason: `change ${second.json.id}` },
      ]),
    );
    const rows = await db.tier.findMany({ where: { activityId: activity.id }, orderBy: { position: 'asc' } });
    expect(rows.map((t) => [t.name, t.removedAt === null, t.stock])).toEqual([
      ['A', true, 100_000],
      ['B', true, 100_000],
      ['N', false, await issued(n, [2])],
    ]);
    expect(await reconcileActivity(activity.id)).toEqual([]);
  });
});

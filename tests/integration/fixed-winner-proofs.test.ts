// A fixed winner's draw has a proof too (docs/fairness.md, "Fixed winners"): the reservoir step
// that picked them, which the revealed seed and the participant count replay without our code;
// the verifier checks the recorded steps; a fixed winner drawn without a seed is NOT_PROVABLE.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GET as fairnessRoute } from '@/app/api/v1/activities/[activityId]/fairness/route';
import { GET as proofRoute } from '@/app/api/v1/draws/[drawId]/proof/route';
import { changeActivityStatus } from '@/lib/activities/change-status';
import { settleActivity } from '@/lib/activities/settle-activity';
import { verifyActivity } from '@/lib/activities/verify-activity-fairness';
import { db } from '@/lib/db';
import { executeDraw } from '@/lib/draw/execute-draw';
import { endUser, liveActivity, testActor } from '../helpers/activities';
import { bearer, callRoute, freshTenant } from '../helpers/fixtures';

type Tenant = Awaited<ReturnType<typeof freshTenant>>;

/** The documented sampling, written again without the product's code: each slot's position and step. */
function replayReservoir(seedHex: string, activityId: string, participants: number, wanted: number, drawn: number) {
  const seed = Buffer.from(seedHex, 'hex');
  let next = 0;
  const below = (range: number) => {
    const limit = (1n << 64n) - ((1n << 64n) % BigInt(range));
    for (let i = next; ; i++) {
      const x = createHmac('sha256', seed)
        .update(JSON.stringify(['fixed-winners', activityId, i]))
        .digest()
        .readBigUInt64BE(0);
      if (x < limit) {
        next = i + 1;
        return { i, r: Number(x % BigInt(range)) };
      }
    }
  };
  type Step = { position: number; i: number | null; r: number | null };
  const sample = (count: number, size: number) => {
    const slots: Step[] = [];
    for (let p = 0; p < count; p++) {
      if (p < size) slots.push({ position: p, i: null, r: null });
      else {
        const { i, r } = below(p + 1);
        if (r < size) slots[r] = { position: p, i, r };
      }
    }
    return slots;
  };
  const first = sample(participants, wanted);
  const second = drawn < first.length ? sample(first.length, drawn) : null;
  return { first, second };
}

async function proofAs(tenant: Tenant, userId: string, drawId: string) {
  return callRoute(proofRoute, { headers: bearer(await tenant.userToken(userId)), params: { drawId } });
}

async function endAndSettle(tenant: Tenant, activityId: string) {
  await changeActivityStatus(tenant.id, testActor, { activityId, transition: 'end' });
  await settleActivity(activityId);
  const fairness = await callRoute(fairnessRoute, {
    headers: bearer(await tenant.userToken('anyone')),
    params: { activityId },
  });
  return fairness.json.seeds.at(-1) as { commitment: string; seed: string };
}

describe('GET /api/v1/draws/[drawId]/proof of a fixed winner', () => {
  it('answers the reservoir step that picked each winner, which the revealed seed replays', async () => {
    const { tenant, activity } = await liveActivity(
      (p) => [{ probability: 0, stock: 4, prizes: [{ prizeId: p[0]! }] }],
      { overrides: { fixedWinners: 4 } },
    );
    for (let u = 0; u < 30; u++)
      await executeDraw(endUser(tenant, `fw-${String(u).padStart(2, '0')}`), activity.id, 'k');
    const { commitment, seed } = await endAndSettle(tenant, activity.id);
    const participants = (
      await db.participation.findMany({ where: { activityId: activity.id }, select: { userId: true } })
    )
      .map((p) => p.userId)
      .sort();
    const { first } = replayReservoir(seed, activity.id, participants.length, 4, 4);
    const winners = await db.draw.findMany({
      where: { activityId: activity.id, idempotencyKey: 'fixed-winners' },
      select: { id: true, userId: true },
    });
    expect(winners).toHaveLength(4);
    for (const w of winners) {
      const proof = await proofAs(tenant, w.userId, w.id);
      expect(proof.status).toBe(200);
      const fw = proof.json.fixedWinner;
      expect(proof.json).toMatchObject({
        activityId: activity.id,
        userId: w.userId,
        idempotencyKey: 'fixed-winners',
        commitment,
        outcome: 'win',
        pickedTier: 0,
        fallback: 'none',
      });
      expect(fw).toMatchObject({ participants: 30, wanted: 4, drawn: 4, subsample: null });
      expect(participants[fw.position]).toBe(w.userId);
      expect(first[fw.slot]).toEqual({ position: fw.position, i: proof.json.i, r: proof.json.r });
      // Another user of the tenant does not see it.
      expect((await proofAs(tenant, 'fw-nobody', w.id)).status).toBe(404);
    }
    expect(await verifyActivity(activity.id)).toEqual({ verified: 34, mismatches: [], notProvable: 0 });

    // A recorded step that the sampling does not give: the verifier names that draw.
    const forged = winners[0]!;
    await db.$executeRaw`UPDATE "Draw" SET fairness = jsonb_set(fairness, '{i}', '12345') WHERE id = ${forged.id}::uuid`;
    const report = await verifyActivity(activity.id);
    expect(report.mismatches).toEqual([{ drawId: forged.id, reason: expect.stringContaining('i=12345') }]);

    // A fixed winner drawn without a seed: a clear 409.
    await db.$executeRaw`UPDATE "Draw" SET fairness = NULL WHERE id = ${forged.id}::uuid`;
    const old = await proofAs(tenant, forged.userId, forged.id);
    expect([old.status, old.json.error.code]).toEqual([409, 'NOT_PROVABLE']);
    expect(old.json.error.message).toMatch(/fixed winner/);
  });

  it('records the second sampling when the stock covers fewer winners than wanted', async () => {
    const { tenant, activity } = await liveActivity(
      (p) => [{ probability: 0.5, stock: 6, prizes: [{ prizeId: p[0]! }] }],
      { overrides: { fixedWinners: 4 } },
    );
    // Three instant wins of the first tier (a test's own numbers: r = 0 wins, r = 999,999 loses).
    for (let u = 0; u < 20; u++)
      await executeDraw(endUser(tenant, `sub-${String(u).padStart(2, '0')}`), activity.id, 'k', {
        random: () => (u < 3 ? 0 : 999_999),
      });
    const { seed } = await endAndSettle(tenant, activity.id);
    const winners = await db.draw.findMany({
      where: { activityId: activity.id, idempotencyKey: 'fixed-winners' },
      select: { id: true, userId: true },
    });
    expect(winners).toHaveLength(3);
    const { first, second } = replayReservoir(seed, activity.id, 20, 4, 3);
    for (const w of winners) {
      const proof = (await proofAs(tenant, w.userId, w.id)).json;
      const fw = proof.fixedWinner;
      expect(fw).toMatchObject({ participants: 20, wanted: 4, drawn: 3 });
      expect(second![fw.subsample.slot]).toEqual({ position: fw.slot, i: fw.subsample.i, r: fw.subsample.r });
      expect(first[fw.slot]).toEqual({ position: fw.position, i: proof.i, r: proof.r });
    }
    const report = await verifyActivity(activity.id);
    expect(report.mismatches).toEqual([]);
    expect(report.verified).toBe(3);
  });
});

// Provably fair draws end to end (docs/fairness.md): a seed committed at publish, every draw's
// number derived from it, proofs for the draw's owner only, rotation and reveal, the verifier,
// and the seed kept out of every response, log line and Redis key before its reveal.
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GET as activityView } from '@/app/api/v1/activities/[activityId]/route';
import { POST as drawRoute } from '@/app/api/v1/activities/[activityId]/draws/route';
import { GET as fairnessRoute } from '@/app/api/v1/activities/[activityId]/fairness/route';
import { GET as meRoute } from '@/app/api/v1/activities/[activityId]/me/route';
import { GET as proofRoute } from '@/app/api/v1/draws/[drawId]/proof/route';
import { POST as rotateRoute } from '@/app/api/manage/activities/[id]/fairness/rotate/route';
import { POST as endRoute } from '@/app/api/manage/activities/[id]/end/route';
import { changeActivityStatus } from '@/lib/activities/change-status';
import { settleActivity } from '@/lib/activities/settle-activity';
import { config, resetConfigForTests } from '@/lib/config';
import { db } from '@/lib/db';
import { executeDraw } from '@/lib/draw/execute-draw';
import { decryptSeed } from '@/lib/fairness/seed-cipher';
import { verifyActivity } from '@/lib/activities/verify-activity-fairness';
import { createRedis } from '@/lib/redis';
import { drawKeys } from '@/lib/draw/keys';
import { forgetActiveSeed } from '@/lib/fairness/activity-seeds';
import { drawFairnessOf } from '@/lib/fairness/draw-fairness';
import { backfillActivitySeeds } from '@/lib/fairness/backfill-seeds';
import { endUser, liveActivity, testActor } from '../helpers/activities';
import { bearer, callRoute, freshTenant } from '../helpers/fixtures';

const execFileAsync = promisify(execFile);

/** The algorithm as the documentation states it, written again here without the product's code. */
function independentDraw(seedHex: string, activityId: string, userId: string, key: string, odds: number[]) {
  const seed = Buffer.from(seedHex, 'hex');
  for (let i = 0; ; i++) {
    const mac = createHmac('sha256', seed)
      .update(JSON.stringify([activityId, userId, key, i]))
      .digest();
    const x = mac.readBigUInt64BE(0);
    if (x >= 18446744073709000000n) continue;
    const r = Number(x % 1000000n);
    let sum = 0;
    const tier = odds.findIndex((p) => r < (sum += p));
    return { i, r, tier: tier < 0 ? null : tier };
  }
}

type Tenant = Awaited<ReturnType<typeof freshTenant>>;

/** The command that reads a whole key of each Redis type. */
const READ_BY_TYPE: Record<string, (key: string) => string[]> = {
  string: (key) => ['get', key],
  hash: (key) => ['hgetall', key],
  stream: (key) => ['xrange', key, '-', '+'],
  set: (key) => ['smembers', key],
  zset: (key) => ['zrange', key, '0', '-1'],
  list: (key) => ['lrange', key, '0', '-1'],
};

const userGet = async (route: typeof fairnessRoute, tenant: Tenant, userId: string, params: Record<string, string>) =>
  callRoute(route, { headers: bearer(await tenant.userToken(userId)), params });

async function postAs(tenant: Tenant, activityId: string, userId: string, key: string = randomUUID()) {
  return callRoute(drawRoute, {
    method: 'POST',
    headers: { ...bearer(await tenant.userToken(userId)), 'idempotency-key': key },
    params: { activityId },
  });
}

async function seedHexOf(activityId: string): Promise<string[]> {
  const seeds = await db.activitySeed.findMany({
    where: { activityId },
    orderBy: { activeFrom: 'asc' },
    select: { encryptedSeed: true },
  });
  return seeds.map((s) => decryptSeed(s.encryptedSeed).toString('hex'));
}

describe('provably fair draws', () => {
  afterEach(() => vi.restoreAllMocks());

  it("matches an independent reimplementation on 10,000 draws' r and tier; the verifier finds a flip", async () => {
    const odds = [0.1, 0.2, 0.05];
    const { tenant, activity } = await liveActivity(
      (p) => [
        { probability: odds[0]!, stock: 100, prizes: [{ prizeId: p[0]! }] },
        { probability: odds[1]!, stock: 100_000, prizes: [{ prizeId: p[0]! }] },
        { probability: odds[2]!, stock: 100_000, prizes: [{ prizeId: p[0]! }] },
      ],
      { stocks: [300_000], overrides: { limits: { freeDrawsPerDay: 100 } } },
    );
    const users = Array.from({ length: 100 }, (_, u) => endUser(tenant, `player-${u}`));
    for (let round = 0; round < 100; round++) {
      await Promise.all(users.map((u) => executeDraw(u, activity.id, `k-${round}-${u.userId}`)));
    }

    const ended = await callRoute(endRoute, {
      method: 'POST',
      headers: bearer(tenant.apiKey),
      params: { id: activity.id },
    });
    expect(ended.status).toBe(200);
    const fairness = (await userGet(fairnessRoute, tenant, 'player-0', { activityId: activity.id })).json;
    expect(fairness.algorithm).toBe('hmac-sha256-r1e6-v1');
    expect(fairness.seeds).toHaveLength(1);
    const { seed, commitment } = fairness.seeds[0];
    expect(createHash('sha256').update(Buffer.from(seed, 'hex')).digest('hex')).toBe(commitment);

    const draws = await db.draw.findMany({
      where: { activityId: activity.id },
      select: { id: true, userId: true, idempotencyKey: true, outcome: true, tierId: true, fairness: true },
    });
    expect(draws).toHaveLength(10_000);
    const tierIds = activity.tiers.map((t) => t.id);
    const fallbacks = new Map<string, number>();
    for (const d of draws) {
      const f = drawFairnessOf(d.fairness) as { i: number; r: number; t: number | null; f: string; o: number[] };
      expect(f.o).toEqual([100_000, 200_000, 50_000]);
      const expected = independentDraw(seed, activity.id, d.userId, d.idempotencyKey, f.o);
      expect({ i: f.i, r: f.r, tier: f.t }).toEqual(expected);
      const won = expected.tier !== null && f.f === 'none';
      expect(d.outcome).toBe(won ? 'WIN' : 'LOSE');
      expect(d.tierId).toBe(won ? tierIds[expected.tier!] : null);
      fallbacks.set(f.f, (fallbacks.get(f.f) ?? 0) + 1);
    }
    // The first tier's 100 units ran out: its later picks are no win, explained by stock.
    expect(draws.filter((d) => d.tierId === tierIds[0]).length).toBe(100);
    expect(fallbacks.get('stock')).toBeGreaterThan(500);

    expect(await verifyActivity(activity.id)).toEqual({ verified: 10_000, mismatches: [], notProvable: 0 });
    const cli = await execFileAsync('npx', ['tsx', 'scripts/verify.ts', '--activity', activity.id.toUpperCase()], {
      env: process.env,
    });
    expect(cli.stdout).toBe('verified 10000, mismatches 0\n');

    // One stored outcome flipped: the verifier names that draw.
    const lose = draws.find((d) => d.outcome === 'LOSE' && d.tierId === null)!;
    await db.draw.update({ where: { id: lose.id }, data: { outcome: 'WIN', tierId: tierIds[1] } });
    const report = await verifyActivity(activity.id);
    expect(report.verified).toBe(9_999);
    expect(report.mismatches).toEqual([{ drawId: lose.id, reason: expect.stringMatching(/^outcome win/) }]);
    const failed = await execFileAsync('npx', ['tsx', 'scripts/verify.ts', '--activity', activity.id], {
      env: process.env,
    }).catch((err: { stdout: string; code: number }) => err);
    expect('code' in failed && failed.code).toBe(1);
    expect(failed.stdout).toBe(`mismatch ${lose.id}: ${report.mismatches[0]!.reason}\nverified 9999, mismatches 1\n`);

    // Proof fields made unreadable are a mismatch too, not a draw without a proof.
    const garbled = draws.find((d) => d.id !== lose.id)!;
    await db.draw.update({ where: { id: garbled.id }, data: { fairness: 'not:a:proof' } });
    const again = await verifyActivity(activity.id);
    expect(again.notProvable).toBe(0);
    expect(again.mismatches).toContainEqual({ drawId: garbled.id, reason: 'its stored proof fields are unreadable' });
  });

  it('draws fixed winners from the seed, so the verifier draws the same ones again', async () => {
    const { tenant, activity } = await liveActivity(
      (p) => [{ probability: 0, stock: 4, prizes: [{ prizeId: p[0]! }] }],
      {
        overrides: { fixedWinners: 4 },
      },
    );
    await Promise.all(
      Array.from({ length: 25 }, (_, u) => executeDraw(endUser(tenant, `fixed-${u}`), activity.id, `f-${u}`)),
    );
    await changeActivityStatus(tenant.id, testActor, { activityId: activity.id, transition: 'end' });
    expect((await settleActivity(activity.id))!.fixedWinners!.winners).toHaveLength(4);
    expect(await verifyActivity(activity.id)).toEqual({ verified: 29, mismatches: [], notProvable: 0 });

    // Another participant in a winner's place: the verifier names that draw.
    const winner = await db.draw.findFirstOrThrow({
      where: { activityId: activity.id, idempotencyKey: 'fixed-winners' },
    });
    const winners = await db.draw.findMany({ where: { activityId: activity.id, idempotencyKey: 'fixed-winners' } });
    const loser = [...Array(25).keys()].map((u) => `fixed-${u}`).find((u) => !winners.some((w) => w.userId === u))!;
    await db.draw.update({ where: { id: winner.id }, data: { userId: loser } });
    const report = await verifyActivity(activity.id);
    expect(report.mismatches).toEqual([{ drawId: winner.id, reason: expect.stringContaining(loser) }]);
  });

  it("gives the draw's owner its proof, and nobody else", async () => {
    const { tenant, activity } = await liveActivity(
      (p) => [{ probability: 0.5, stock: 100, prizes: [{ prizeId: p[0]! }] }],
      {
        overrides: { limits: { freeDrawsPerDay: 5 } },
      },
    );
    const drawn = await postAs(tenant, activity.id, 'alice', 'alice-key-1');
    expect(drawn.status).toBe(200);
    const drawId: string = drawn.json.drawId;

    const proof = await userGet(proofRoute, tenant, 'alice', { drawId: drawId.toUpperCase() });
    expect(proof.status).toBe(200);
    const [commitment] = await db.activitySeed.findMany({
      where: { activityId: activity.id },
      select: { commitment: true },
    });
    expect(proof.json).toEqual({
      activityId: activity.id,
      userId: 'alice',
      idempotencyKey: 'alice-key-1',
      commitment: commitment!.commitment,
      i: 0,
      r: expect.any(Number),
      drawnAt: expect.any(String),
      timezone: 'Asia/Shanghai',
      configVersion: 1,
      odds: [500_000],
      pickedTier: proof.json.r < 500_000 ? 0 : null,
      fallback: 'none',
      outcome: drawn.json.outcome,
    });
    // The seed behind the commitment gives this r for this draw.
    const [seed] = await seedHexOf(activity.id);
    expect(independentDraw(seed!, activity.id, 'alice', 'alice-key-1', [500_000]).r).toBe(proof.json.r);

    // Another user of the tenant, another tenant's user, a malformed id: not found.
    expect((await userGet(proofRoute, tenant, 'bob', { drawId })).status).toBe(404);
    const other = await freshTenant();
    expect((await userGet(proofRoute, other, 'alice', { drawId })).status).toBe(404);
    expect((await userGet(proofRoute, tenant, 'alice', { drawId: `${drawId}\u0000` })).status).toBe(404);
    expect((await userGet(proofRoute, tenant, 'alice', { drawId: randomUUID() })).status).toBe(404);
    expect((await callRoute(proofRoute, { params: { drawId } })).status).toBe(401);

    // A row written before draws stored the compact form holds the object itself: the same proof.
    const stored = drawFairnessOf((await db.draw.findUniqueOrThrow({ where: { id: drawId } })).fairness);
    await db.$executeRaw`UPDATE "Draw" SET fairness = ${JSON.stringify(stored)}::jsonb WHERE id = ${drawId}::uuid`;
    expect(typeof (await db.draw.findUniqueOrThrow({ where: { id: drawId } })).fairness).toBe('object');
    expect((await userGet(proofRoute, tenant, 'alice', { drawId })).json).toEqual(proof.json);

    // A draw made before the activity had a seed.
    await db.$executeRaw`UPDATE "Draw" SET fairness = NULL WHERE id = ${drawId}::uuid`;
    const old = await userGet(proofRoute, tenant, 'alice', { drawId });
    expect(old.status).toBe(409);
    expect(old.json.error.code).toBe('NOT_PROVABLE');
  });

  it('rotates: the new seed is committed and used, the old one revealed; another tenant cannot rotate', async () => {
    const { tenant, activity } = await liveActivity(
      (p) => [{ probability: 0.3, stock: 100, prizes: [{ prizeId: p[0]! }] }],
      {
        overrides: { limits: { freeDrawsPerDay: 5 } },
      },
    );
    const view = await userGet(activityView, tenant, 'carol', { activityId: activity.id });
    const before = (await userGet(fairnessRoute, tenant, 'carol', { activityId: activity.id.toUpperCase() })).json;
    expect(before.seeds).toEqual([{ commitment: view.json.fairness.commitment, activeFrom: expect.any(String) }]);
    expect(view.json.fairness.algorithm).toBe('hmac-sha256-r1e6-v1');
    const first = await postAs(tenant, activity.id, 'carol', 'c-1');

    const other = await freshTenant();
    const foreign = await callRoute(rotateRoute, {
      method: 'POST',
      headers: bearer(other.apiKey),
      params: { id: activity.id },
    });
    expect(foreign.status).toBe(404);

    const rotated = await callRoute(rotateRoute, {
      method: 'POST',
      headers: bearer(tenant.apiKey),
      params: { id: activity.id.toUpperCase() },
    });
    expect(rotated.status).toBe(200);
    const [oldSeed, newSeed] = rotated.json.seeds;
    expect(oldSeed.commitment).toBe(before.seeds[0].commitment);
    expect(createHash('sha256').update(Buffer.from(oldSeed.seed, 'hex')).digest('hex')).toBe(oldSeed.commitment);
    expect(oldSeed.activeTo).toEqual(expect.any(String));
    expect(newSeed.seed).toBeUndefined();
    expect((await userGet(activityView, tenant, 'carol', { activityId: activity.id })).json.fairness.commitment).toBe(
      newSeed.commitment,
    );

    const second = await postAs(tenant, activity.id, 'carol', 'c-2');
    const proofOf = async (drawId: string) => (await userGet(proofRoute, tenant, 'carol', { drawId })).json;
    expect((await proofOf(first.json.drawId)).commitment).toBe(oldSeed.commitment);
    expect((await proofOf(second.json.drawId)).commitment).toBe(newSeed.commitment);
    expect((await proofOf(first.json.drawId)).r).toBe(
      independentDraw(oldSeed.seed, activity.id, 'carol', 'c-1', [300_000]).r,
    );

    const ended = await callRoute(endRoute, {
      method: 'POST',
      headers: bearer(tenant.apiKey),
      params: { id: activity.id },
    });
    expect(ended.status).toBe(200);
    const after = (await userGet(fairnessRoute, tenant, 'carol', { activityId: activity.id })).json;
    expect(after.seeds.map((s: { seed?: string }) => typeof s.seed)).toEqual(['string', 'string']);
    expect(await verifyActivity(activity.id)).toEqual({ verified: 2, mismatches: [], notProvable: 0 });
    const again = await callRoute(rotateRoute, {
      method: 'POST',
      headers: bearer(tenant.apiKey),
      params: { id: activity.id },
    });
    expect(again.status).toBe(409);
  });

  it('a process still holding a rotated seed draws with the new one, never the revealed one', async () => {
    const { tenant, activity } = await liveActivity(
      (p) => [{ probability: 0.3, stock: 100, prizes: [{ prizeId: p[0]! }] }],
      {
        overrides: { limits: { freeDrawsPerDay: 5 } },
      },
    );
    // This process reads the seed and keeps it.
    await executeDraw(endUser(tenant, 'dave'), activity.id, 'd-1');
    const [oldRow] = await db.activitySeed.findMany({ where: { activityId: activity.id }, select: { id: true } });
    // Another process rotates: PostgreSQL and the hot state move, this process's memory does not.
    const rotate =
      "const { rotateActivitySeed } = await import('./lib/activities/rotate-fairness-seed.ts');" +
      `await rotateActivitySeed('${tenant.id}', { type: 'SYSTEM', id: 'test' }, '${activity.id}');` +
      'process.exit(0);';
    await execFileAsync('npx', ['tsx', '--input-type=module', '-e', rotate], { env: process.env });
    await executeDraw(endUser(tenant, 'dave'), activity.id, 'd-2');
    const row = await db.draw.findFirstOrThrow({ where: { activityId: activity.id, idempotencyKey: 'd-2' } });
    expect((drawFairnessOf(row.fairness) as { s: string }).s).not.toBe(oldRow!.id);
  });

  it('gives an activity published before seeds one at deploy; its earlier draws are NOT_PROVABLE', async () => {
    const { tenant, activity } = await liveActivity(
      (p) => [{ probability: 0.3, stock: 100, prizes: [{ prizeId: p[0]! }] }],
      {
        overrides: { limits: { freeDrawsPerDay: 5 } },
      },
    );
    // As before seeds: no seed row, and a hot state without the seed field.
    await db.activitySeed.deleteMany({ where: { activityId: activity.id } });
    const redis = createRedis('worker');
    await redis.hdel(drawKeys(activity.id).cfg, 'seed');
    redis.disconnect();
    forgetActiveSeed(activity.id);
    const before = await postAs(tenant, activity.id, 'frank', 'f-1');
    expect(before.status).toBe(200);
    expect(
      (await userGet(activityView, tenant, 'frank', { activityId: activity.id })).json.fairness.commitment,
    ).toBeNull();

    expect(await backfillActivitySeeds()).toBeGreaterThanOrEqual(1);
    expect(await backfillActivitySeeds()).toBe(0);
    forgetActiveSeed(activity.id);
    const after = await postAs(tenant, activity.id, 'frank', 'f-2');
    const proof = (drawId: string) => userGet(proofRoute, tenant, 'frank', { drawId });
    const old = await proof(before.json.drawId);
    expect([old.status, old.json.error.code]).toEqual([409, 'NOT_PROVABLE']);
    const fresh = await proof(after.json.drawId);
    expect(fresh.status).toBe(200);
    const fairness = (await userGet(fairnessRoute, tenant, 'frank', { activityId: activity.id })).json;
    expect(fresh.json.commitment).toBe(fairness.seeds[0].commitment);

    // A hot state built while the activity had no seed names none: draws go on, without a proof.
    const again = createRedis('worker');
    await again.hset(drawKeys(activity.id).cfg, 'seed', '');
    again.disconnect();
    const unseeded = await postAs(tenant, activity.id, 'frank', 'f-3');
    expect(unseeded.status).toBe(200);
    expect((await proof(unseeded.json.drawId)).status).toBe(409);
  });

  it('never shows the seed in a response, a log line or Redis before the reveal', async () => {
    process.env.LOG_LEVEL = 'debug';
    resetConfigForTests();
    const lines: string[] = [];
    const capture = (chunk: unknown) => {
      lines.push(String(chunk));
      return true;
    };
    vi.spyOn(process.stdout, 'write').mockImplementation(capture as typeof process.stdout.write);
    vi.spyOn(process.stderr, 'write').mockImplementation(capture as typeof process.stderr.write);
    try {
      const { tenant, activity } = await liveActivity(
        (p) => [{ probability: 0.4, stock: 50, prizes: [{ prizeId: p[0]! }] }],
        { overrides: { limits: { freeDrawsPerDay: 20 } } },
      );
      const bodies: string[] = [];
      for (let n = 0; n < 20; n++) bodies.push((await postAs(tenant, activity.id, `eve-${n % 3}`, `e-${n}`)).text);
      bodies.push((await postAs(tenant, activity.id, 'eve-0', 'e-0')).text); // a replay
      for (const route of [activityView, fairnessRoute, meRoute])
        bodies.push((await userGet(route, tenant, 'eve-0', { activityId: activity.id })).text);
      const drawIds = bodies.slice(0, 20).map((b) => JSON.parse(b).drawId as string);
      for (const drawId of drawIds) bodies.push((await userGet(proofRoute, tenant, 'eve-0', { drawId })).text);

      const redis = createRedis('worker');
      const stored: string[] = [];
      try {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${config().REDIS_PREFIX}:*`, 'COUNT', 1000);
          cursor = next;
          // One pipeline per batch: the prefix holds every earlier test's keys too.
          const types = (await redis.pipeline(keys.map((key) => ['type', key])).exec())!.map(([, t]) => String(t));
          const reads = keys.map((key, n) => READ_BY_TYPE[types[n]!]?.(key) ?? ['exists', key]);
          const values = (await redis.pipeline(reads).exec())!.map(([, v]) => JSON.stringify(v));
          stored.push(...keys, ...values);
        } while (cursor !== '0');
      } finally {
        redis.disconnect();
      }

      const [seedHex] = await seedHexOf(activity.id);
      const seed = Buffer.from(seedHex!, 'hex');
      const spellings = [seedHex!, seedHex!.toUpperCase(), seed.toString('base64'), seed.toString('base64url')];
      const leaks = (text: string) => spellings.some((s) => text.includes(s));
      // The capture works: publishing logged the commitment.
      expect(lines.some((l) => l.includes('fairness seed committed'))).toBe(true);
      expect(stored.some((s) => s.includes(activity.id))).toBe(true);
      expect(bodies.filter(leaks)).toEqual([]);
      expect(lines.filter(leaks)).toEqual([]);
      expect(stored.filter(leaks)).toEqual([]);

      // The scan finds the seed where it is: in the fairness answer once the activity has ended.
      await callRoute(endRoute, { method: 'POST', headers: bearer(tenant.apiKey), params: { id: activity.id } });
      expect(leaks((await userGet(fairnessRoute, tenant, 'eve-0', { activityId: activity.id })).text)).toBe(true);
    } finally {
      vi.restoreAllMocks();
      process.env.LOG_LEVEL = 'silent';
      resetConfigForTests();
    }
  }, 180_000);
});

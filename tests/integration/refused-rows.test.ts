// One draw PostgreSQL refuses never fails the draws written with it: the group commit and the
// draw-log drain isolate it, set it aside and take it back in Redis, and the books reconcile.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { db, pool } from '@/lib/db';
import { activityMeta } from '@/lib/draw/activity-state';
import { commitDraws } from '@/lib/draw/commit-draws';
import { drainDrawLog } from '@/lib/draw/drain-draw-log';
import { DrawCommitter, GROUP_COMMIT_CONNECTION, swapDrawCommitterForTests } from '@/lib/draw/draw-committer';
import type { DrawRows } from '@/lib/draw/draw-record';
import { decideDraw, executeDraw } from '@/lib/draw/execute-draw';
import { drawKeys } from '@/lib/draw/keys';
import { localDay } from '@/lib/draw/local-day';
import { quarantineRefusedDraw } from '@/lib/draw/quarantine-refused-draw';
import { writeBackIssued } from '@/lib/draw/write-back-issued';
import { reconcileActivity } from '@/lib/inventory/reconcile-activity';
import { withRequestContext } from '@/lib/log';
import { createRedis } from '@/lib/redis';
import { endUser, liveActivity } from '../helpers/activities';

type Tenant = { id: string; slug: string };

/** One tier of one prize; every draw wins while stock lasts, unless `probability` says otherwise. */
const oneTier =
  (stock: number, probability = 1) =>
  (p: string[]) => [{ probability, stock, prizes: [{ prizeId: p[0]! }] }];

const redis = createRedis('worker');
afterAll(() => redis.quit());

/** A user id the token check would refuse, made below it: PostgreSQL cannot store the NUL. */
const PLANTED = 'planted\u0000user';

async function until(check: () => boolean | Promise<boolean>, what: string) {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await sleep(10);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * A group commit like the process's own (the same statement, isolation and all) that notes the
 * draws of each batch it is handed and holds its first batch until `release`, so that the draws
 * arriving meanwhile all wait and go together in the next one. `plant` may change a batch's rows
 * on their way to PostgreSQL.
 */
function watchedCommitter(plant: (rows: DrawRows) => DrawRows = (rows) => rows) {
  const batches: string[][] = [];
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const committer = new DrawCommitter(async (batch) => {
    batches.push(batch.map((rows) => rows.draw.userId));
    if (batches.length === 1) await held;
    return commitDraws(batch.map(plant));
  });
  return { batches, release, restore: swapDrawCommitterForTests(committer) };
}

/** One held draw first, then `users` while it is held: they reach the committer as one batch. */
type Watch = ReturnType<typeof watchedCommitter>;

type Crowd = { tenant: Tenant; activityId: string; users: string[] };

async function drawInOneBatch(watch: Watch, { tenant, activityId, users }: Crowd) {
  const first = executeDraw(endUser(tenant, 'first'), activityId, randomUUID());
  await until(() => watch.batches.length === 1, 'the first batch');
  const draws = Promise.allSettled(
    users.map((u, i) =>
      withRequestContext(`request-${i}`, () => executeDraw(endUser(tenant, u), activityId, `key-${i}`)),
    ),
  );
  // Every draw is decided (in the stream) and, a turn of the event loop later, waits for the committer.
  const stream = drawKeys(activityId).stream;
  await until(async () => (await redis.xlen(stream)) === users.length + 1, 'every draw decided');
  await new Promise((resolve) => setImmediate(resolve));
  watch.release();
  await first;
  return draws;
}

async function redisCounters(activityId: string, userId: string) {
  const k = drawKeys(activityId);
  const [stock, issued, user] = await Promise.all([
    redis.hgetall(k.stock),
    redis.hgetall(k.issued),
    redis.hgetall(k.user(userId)),
  ]);
  return { stock, issued, user };
}

describe('a draw PostgreSQL refuses, in the group commit', () => {
  it('fails alone among 100 good draws of its batch, which all commit, and is taken back in Redis', async () => {
    const { tenant, prizes, activity } = await liveActivity(oneTier(500));
    const tierId = activity.tiers[0]!.id;
    const prizeId = prizes[0]!.id;
    const users = Array.from({ length: 100 }, (_, i) => `good-${i}`);
    users.splice(50, 0, PLANTED);

    const watch = watchedCommitter();
    let results: PromiseSettledResult<unknown>[];
    try {
      results = await drawInOneBatch(watch, { tenant, activityId: activity.id, users });
    } finally {
      watch.restore();
    }
    // One batch held them all, the planted draw among them.
    expect(watch.batches).toHaveLength(2);
    expect(watch.batches[1]).toHaveLength(101);
    expect(watch.batches[1]).toContain(PLANTED);

    const refused = results[50]!;
    expect(refused.status).toBe('rejected');
    expect((refused as PromiseRejectedResult).reason).toMatchObject({ code: 'UNAUTHORIZED', status: 401 });
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(100);
    expect(await db.draw.count({ where: { activityId: activity.id } })).toBe(101);
    expect(await db.win.count({ where: { activityId: activity.id } })).toBe(101);

    // Taken back: only the 101 written draws count; the planted user has used nothing and
    // its key is free for a retry.
    const { stock, issued, user } = await redisCounters(activity.id, PLANTED);
    expect(Number(issued[`p:${prizeId}`])).toBe(101);
    expect(Number(issued[`t:${tierId}`])).toBe(101);
    expect(Number(stock[`p:${prizeId}`])).toBe(500 - 101); // the pool holds what the tier needs
    expect(Number(stock[`t:${tierId}`])).toBe(500 - 101);
    const day = localDay('Asia/Shanghai', Date.now());
    expect(user).toMatchObject({ total: '0', wins: '0', [`d:${day}`]: '0', [`f:${day}`]: '0' });
    expect(await redis.exists(drawKeys(activity.id).idem(PLANTED, 'key-50'))).toBe(0);
    await until(async () => (await redis.xlen(drawKeys(activity.id).stream)) === 0, 'the stream trimmed');

    const [quarantined] = await db.drawLogQuarantine.findMany({ where: { activityId: activity.id } });
    expect(quarantined).toMatchObject({ sqlState: '22021', takenBackAt: expect.any(Date) });
    expect(Buffer.from(quarantined!.raw).toString('utf8')).toContain('planted\\u0000user');
    const alert = await db.alert.findFirst({ where: { activityId: activity.id, acknowledgedAt: null } });
    expect(alert).toMatchObject({ kind: 'draw-log.quarantine', severity: 'WARNING' });

    await drainDrawLog(redis, activity.id);
    expect(await reconcileActivity(activity.id)).toEqual([]);
  });

  it("answers a refusal that is not the request's fault with a 500, taken back just the same", async () => {
    const { tenant, prizes, activity } = await liveActivity(oneTier(50));
    const prizeId = prizes[0]!.id;
    // A win of a prize that does not exist: a foreign key PostgreSQL checks, planted on the way.
    const unknownPrize = randomUUID();
    const watch = watchedCommitter((rows) => {
      if (rows.draw.userId !== 'broken') return rows;
      return { ...rows, wins: rows.wins.map((w) => ({ ...w, prizeId: unknownPrize })) };
    });
    let results: PromiseSettledResult<unknown>[];
    try {
      results = await drawInOneBatch(watch, { tenant, activityId: activity.id, users: ['a', 'broken', 'b'] });
    } finally {
      watch.restore();
    }
    expect(watch.batches[1]).toEqual(['a', 'broken', 'b']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const reason = (results[1] as PromiseRejectedResult).reason;
    expect(reason).toMatchObject({ code: 'INTERNAL', status: 500, details: { requestId: 'request-1' } });
    const { issued, user } = await redisCounters(activity.id, 'broken');
    expect(Number(issued[`p:${prizeId}`])).toBe(3);
    expect(user).toMatchObject({ total: '0', wins: '0' });
    const quarantined = await db.drawLogQuarantine.findFirst({ where: { activityId: activity.id } });
    expect(quarantined).toMatchObject({ sqlState: '23503', takenBackAt: expect.any(Date) });
    expect(await reconcileActivity(activity.id)).toEqual([]);
  });

  it('is still written again, not refused, when its connection is ended in the middle of the statement', async () => {
    const { tenant, activity } = await liveActivity(oneTier(50, 0.5));
    await executeDraw(endUser(tenant, 'warm-up'), activity.id, randomUUID());
    // Hold the activity row: the commit's FOR SHARE waits on it, mid-statement.
    const blocker = await pool.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT 1 FROM "Activity" WHERE id = $1 FOR UPDATE', [activity.id]);
      const blockerPid = (await blocker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      const waiting = async () =>
        (
          await pool.query<{ pid: number }>(
            `SELECT pid FROM pg_stat_activity
         WHERE application_name = $1 AND datname = current_database() AND $2 = ANY(pg_blocking_pids(pid))`,
            [GROUP_COMMIT_CONNECTION, blockerPid],
          )
        ).rows.map((r) => r.pid);
      const draw = executeDraw(endUser(tenant, 'victim'), activity.id, randomUUID());
      await until(async () => (await waiting()).length === 1, 'the commit waiting on the lock');
      const [killed] = await waiting();
      await pool.query('SELECT pg_terminate_backend($1)', [killed]);
      // Tried again on a new connection, it waits on the same lock; then it may go.
      await until(async () => (await waiting()).some((pid) => pid !== killed), 'the commit tried again');
      await blocker.query('COMMIT');
      const body = await draw;
      expect(await db.draw.findUnique({ where: { id: body.drawId } })).toMatchObject({ userId: 'victim' });
    } finally {
      await blocker.query('ROLLBACK').catch(() => undefined);
      blocker.release();
    }
  });
});

describe('a poison entry in the draw log', () => {
  it('is quarantined with an alert, the good entries around it written; the drain goes on; books agree', async () => {
    const { tenant, prizes, activity } = await liveActivity(oneTier(500));
    const prizeId = prizes[0]!.id;
    const k = drawKeys(activity.id);
    const meta = (await activityMeta(redis, activity.id))!;
    // Draws decided by Redis whose web processes died before committing them: only the stream
    // holds them. Among them one PostgreSQL refuses, and one that is no draw record at all.
    const decide = (userId: string) => {
      const now = Date.now();
      const user = endUser(tenant, userId);
      return decideDraw({
        redis,
        activityId: activity.id,
        meta,
        user,
        key: randomUUID(),
        day: localDay(meta.timezone, now),
        now,
      });
    };
    for (let i = 0; i < 50; i++) await decide(`good-${i}`);
    const planted = await decide(PLANTED);
    if (planted.kind !== 'ok') throw new Error(`unexpected ${JSON.stringify(planted)}`);
    const garbage = (await redis.xadd(k.stream, '*', 'r', 'not a record'))!;
    for (let i = 50; i < 100; i++) await decide(`good-${i}`);
    expect(await redis.xlen(k.stream)).toBe(102);
    const issuedBefore = Number(await redis.hget(k.issued, `p:${prizeId}`));
    expect(issuedBefore).toBe(101);

    const drained = await drainDrawLog(redis, activity.id);
    expect(drained).toMatchObject({ persisted: 100, inserted: 100, quarantined: 2, backlog: 0 });
    expect(await db.draw.count({ where: { activityId: activity.id } })).toBe(100);
    expect(await db.draw.findUnique({ where: { id: planted.record.d } })).toBeNull();

    const where = { activityId: activity.id };
    const rows = await db.drawLogQuarantine.findMany({ where, orderBy: { streamEntry: 'asc' } });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ streamEntry: planted.streamEntry, drawId: planted.record.d, sqlState: '22021' });
    expect(rows[0]!.takenBackAt).toBeInstanceOf(Date);
    expect(JSON.parse(Buffer.from(rows[0]!.raw).toString('utf8'))).toEqual(planted.record);
    expect(rows[1]).toMatchObject({ streamEntry: garbage, drawId: null, sqlState: null, takenBackAt: null });
    expect(Buffer.from(rows[1]!.raw).toString('utf8')).toBe('not a record');
    const alert = await db.alert.findFirstOrThrow({ where: { activityId: activity.id, acknowledgedAt: null } });
    expect(alert).toMatchObject({ kind: 'draw-log.quarantine', severity: 'CRITICAL', tenantId: tenant.id });
    expect(alert.message).toMatch(/^2 draw-log entries/);

    // The planted draw is taken back: its unit, its user's chance, its key.
    expect(Number(await redis.hget(k.issued, `p:${prizeId}`))).toBe(100);
    expect(await redis.hgetall(k.user(PLANTED))).toMatchObject({ total: '0', wins: '0' });
    expect(await redis.exists(k.idem(PLANTED, planted.record.k))).toBe(0);
    expect((await db.activityStock.findFirstOrThrow({ where: { activityId: activity.id } })).issued).toBe(100);

    // Nothing is left to retry: the next drain finds an empty stream.
    expect(await drainDrawLog(redis, activity.id)).toMatchObject({ persisted: 0, quarantined: 0, backlog: 0 });
    expect(await db.drawLogQuarantine.count({ where: { activityId: activity.id } })).toBe(2);
    expect(await reconcileActivity(activity.id)).toEqual([]);
  });

  it('is taken back once when both the drain and its web process handle it', async () => {
    const { tenant, prizes, activity } = await liveActivity(oneTier(50));
    const meta = (await activityMeta(redis, activity.id))!;
    const now = Date.now();
    const user = endUser(tenant, PLANTED);
    const planted = await decideDraw({
      redis,
      activityId: activity.id,
      meta,
      user,
      key: 'k1',
      day: localDay(meta.timezone, now),
      now,
    });
    if (planted.kind !== 'ok') throw new Error(`unexpected ${JSON.stringify(planted)}`);
    // The drain gets there first (the web process is slow); the web process follows with the same entry.
    expect(await drainDrawLog(redis, activity.id)).toMatchObject({ quarantined: 1 });
    const before = await redisCounters(activity.id, PLANTED);
    expect(Number(before.issued[`p:${prizes[0]!.id}`])).toBe(0);
    const again = await quarantineRefusedDraw(redis, {
      tenantId: tenant.id,
      activityId: activity.id,
      timezone: meta.timezone,
      streamEntry: planted.streamEntry!,
      raw: JSON.stringify(planted.record),
      record: planted.record,
      reason: { sqlState: '22021', message: 'invalid byte sequence for encoding "UTF8": 0x00' },
    });
    expect(again).toBe(false);
    expect(await redisCounters(activity.id, PLANTED)).toEqual(before);
    expect(await db.drawLogQuarantine.count({ where: { activityId: activity.id } })).toBe(1);
    expect(await reconcileActivity(activity.id)).toEqual([]);
  });

  it("brings the pool's written-back issued count down with Redis's, so reconciliation sees no drift", async () => {
    const { tenant, activity } = await liveActivity(oneTier(50));
    const meta = (await activityMeta(redis, activity.id))!;
    const now = Date.now();
    const user = endUser(tenant, PLANTED);
    const planted = await decideDraw({
      redis,
      activityId: activity.id,
      meta,
      user,
      key: 'k1',
      day: localDay(meta.timezone, now),
      now,
    });
    if (planted.kind !== 'ok') throw new Error(`unexpected ${JSON.stringify(planted)}`);
    // The worker's periodic write-back ran between the Lua step and the refusal: the pool counts the unit.
    await writeBackIssued(redis, activity.id);
    expect((await db.activityStock.findFirstOrThrow({ where: { activityId: activity.id } })).issued).toBe(1);
    const takenBack = await quarantineRefusedDraw(redis, {
      tenantId: tenant.id,
      activityId: activity.id,
      timezone: meta.timezone,
      streamEntry: planted.streamEntry!,
      raw: JSON.stringify(planted.record),
      record: planted.record,
      reason: { sqlState: '22021', message: 'invalid byte sequence for encoding "UTF8": 0x00' },
    });
    expect(takenBack).toBe(true);
    expect((await db.activityStock.findFirstOrThrow({ where: { activityId: activity.id } })).issued).toBe(0);
    expect(await reconcileActivity(activity.id)).toEqual([]);
  });
});

// Steady draw traffic for fault tests: many draws in flight at once through the draw route's
// handler, every answer kept; then retries of what was not answered, and the books checked
// with the fuzz's checks (tests/fuzz/books.ts). Import after the test has set its environment:
// lib/config reads it once.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { POST as draw } from '@/app/api/v1/activities/[activityId]/draws/route';
import { config } from '@/lib/config';
import { db } from '@/lib/db';
import { drainDrawLog } from '@/lib/draw/drain-draw-log';
import { drawKeys } from '@/lib/draw/keys';
import { requestRedis } from '@/lib/redis';
import { checkAnsweredDraws, checkChances, reconcileAll, type Finding } from '../fuzz/books';
import { liveActivity } from './activities';
import { bearer, callRoute } from './fixtures';

export type Answer = {
  user: string;
  key: string;
  status: number;
  /** The error code, for an error. */
  code?: string;
  drawId?: string;
  winIds?: string[];
  /** Date.now() when the answer came. */
  at: number;
};

export type Caller = { activityId: string; users: { id: string; token: string }[] };

/** One draw through the route handler, as Next.js would call it. Never throws: a throw is a 500 here. */
export async function drawOnce(caller: Caller, user: { id: string; token: string }, key: string): Promise<Answer> {
  const res = await callRoute(draw, {
    method: 'POST',
    path: `/api/v1/activities/${caller.activityId}/draws`,
    headers: { ...bearer(user.token), 'idempotency-key': key },
    params: { activityId: caller.activityId },
  }).catch((err: unknown) => ({ status: 500, json: { error: { code: `THROWN ${String(err)}` } } }));
  const body = res.json as { drawId?: string; winIds?: string[]; error?: { code: string } } | undefined;
  return {
    user: user.id,
    key,
    status: res.status,
    ...(body?.error ? { code: body.error.code } : {}),
    ...(res.status === 200 ? { drawId: body!.drawId!, winIds: body!.winIds! } : {}),
    at: Date.now(),
  };
}

/**
 * `concurrency` callers, each drawing with a new key after its previous answer, until `stop()`
 * holds or `maxCalls` draws were made; every answer lands in `answers` as it comes.
 */
export async function drawTraffic(
  caller: Caller,
  answers: Answer[],
  { concurrency = 200, maxCalls = 100_000, stop }: { concurrency?: number; maxCalls?: number; stop: () => boolean },
): Promise<void> {
  let calls = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, lane) => {
      while (!stop() && calls < maxCalls) {
        const user = caller.users[(calls++ + lane) % caller.users.length]!;
        answers.push(await drawOnce(caller, user, randomUUID()));
      }
    }),
  );
}

/** Waits (every 50 ms, at most `timeoutMs`) until `ok()`; whether it came. */
export async function until(ok: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!ok() && Date.now() < deadline) await sleep(50);
  return ok();
}

/** Whether an answer is one the caller should retry with the same key (nothing final was said). */
export const unanswered = (a: Answer) => a.status >= 500;

/**
 * Retries each key whose last answer was a 5xx with the same key until it gets a final answer
 * (at most `rounds` rounds, 200 ms apart); the retries' answers are appended to `answers`.
 * Returns the keys still without one.
 */
export async function retryUnanswered(caller: Caller, answers: Answer[], rounds = 50): Promise<Answer[]> {
  const users = new Map(caller.users.map((u) => [u.id, u]));
  let open = lastAnswers(answers).filter(unanswered);
  for (let round = 0; round < rounds && open.length > 0; round++) {
    const again = await Promise.all(open.map((a) => drawOnce(caller, users.get(a.user)!, a.key)));
    answers.push(...again);
    open = again.filter(unanswered);
    if (open.length > 0) await sleep(200);
  }
  return open;
}

/** The last answer given for each key. */
export function lastAnswers(answers: Answer[]): Answer[] {
  const last = new Map<string, Answer>();
  for (const a of answers) last.set(a.key, a);
  return [...last.values()];
}

/**
 * The books of one activity after a fault: the stream drained into PostgreSQL, then
 * - every 200 answer's draw is in PostgreSQL under its own user and key, and each key was
 *   answered with one draw only, however often it was sent;
 * - wins ≤ stock, Redis's issued = the Win rows, and reconciliation (pools against Redis, the
 *   Win rows and the StockMovement ledger) finds no drift;
 * - chances and draw counts balance per user (Redis against the Draw and ChanceGrant rows).
 */
export async function checkBooks(caller: Caller, answers: Answer[]): Promise<Finding[]> {
  const redis = await requestRedis();
  const { activityId } = caller;
  for (let i = 0; i < 20 && (await redis.xlen(drawKeys(activityId).stream)) > 0; i++)
    await drainDrawLog(redis, activityId);
  const findings: Finding[] = [];
  const backlog = await redis.xlen(drawKeys(activityId).stream);
  if (backlog > 0) findings.push({ kind: 'books:stream not drained', subject: activityId, detail: `${backlog} left` });

  const drawIdsByKey = new Map<string, Set<string>>();
  for (const a of answers.filter((x) => x.status === 200)) {
    const ids = drawIdsByKey.get(a.key) ?? new Set();
    drawIdsByKey.set(a.key, ids.add(a.drawId!));
  }
  for (const [key, ids] of drawIdsByKey)
    if (ids.size > 1)
      findings.push({ kind: 'idempotency:key drew twice', subject: `key ${key}`, detail: [...ids].join(', ') });
  const answered = answers
    .filter((a) => a.status === 200)
    .map((a) => ({ activity: activityId, sub: a.user, key: a.key, drawId: a.drawId! }));
  findings.push(...(await checkAnsweredDraws(answered, '127.0.0.1')));
  const shownWins = answers.flatMap((a) => a.winIds ?? []);
  const stored = new Set(
    (await db.win.findMany({ where: { id: { in: shownWins } }, select: { id: true } })).map((w) => w.id),
  );
  for (const id of shownWins)
    if (!stored.has(id)) findings.push({ kind: 'books:shown win missing', subject: `win ${id}`, detail: 'no Win row' });

  const tiers = await db.tier.findMany({ where: { activityId }, select: { id: true, stock: true } });
  for (const tier of tiers) {
    const wins = await db.draw.count({ where: { activityId, tierId: tier.id, outcome: 'WIN' } });
    if (wins > tier.stock)
      findings.push({ kind: 'books:over-issue', subject: `tier ${tier.id}`, detail: `${wins} wins > ${tier.stock}` });
  }
  const units = await db.win.aggregate({ where: { activityId }, _sum: { quantity: true } });
  const issued = Object.entries(await redis.hgetall(drawKeys(activityId).issued))
    .filter(([f]) => f.startsWith('p:'))
    .reduce((sum, [, v]) => sum + Number(v), 0);
  if ((units._sum.quantity ?? 0) !== issued)
    findings.push({
      kind: 'books:issued',
      subject: activityId,
      detail: `Redis issued ${issued}, Win rows ${units._sum.quantity ?? 0}`,
    });
  findings.push(...(await reconcileAll([activityId])));
  findings.push(...(await checkChances(config().REDIS_PREFIX, [activityId])));
  return findings;
}

/** Draws answered 200 so far. */
export const drawn = (answers: Answer[]) => answers.filter((a) => a.status === 200).length;

/**
 * The caller fault tests draw as: one live activity with 2,000 units at 20 % odds and 1,000 free
 * draws a day, and 400 users with their tokens.
 */
export async function faultCaller(): Promise<Caller> {
  const { tenant, activity } = await liveActivity(
    (p) => [{ probability: 0.2, stock: 2_000, prizes: [{ prizeId: p[0]! }] }],
    { stocks: [2_000], overrides: { limits: { freeDrawsPerDay: 1_000 } } },
  );
  const users = await Promise.all(
    Array.from({ length: 400 }, async (_, i) => ({ id: `u${i}`, token: await tenant.userToken(`u${i}`) })),
  );
  return { activityId: activity.id, users };
}

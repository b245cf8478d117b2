// The books after the run: reconciliation finds no drift on any activity, every user's chances
// balance (Redis's granted and used against the ChanceGrant and Draw rows), every answered draw
// is the caller's own draw, and no draw kept an address the caller made up.
import { localDay } from '../../lib/draw/local-day';

export type Finding = { kind: string; subject: string; detail: string };

export type AnsweredDraw = { activity: string; sub: string; key: string; drawId: string; forgedIp?: string };

export async function reconcileAll(activityIds: string[]): Promise<Finding[]> {
  const { reconcileActivity } = await import('../../lib/inventory/reconcile-activity');
  const out: Finding[] = [];
  for (const id of activityIds) {
    try {
      for (const d of await reconcileActivity(id))
        out.push({
          kind: `books:reconcile ${d.kind}`,
          subject: `activity ${id} prize ${d.prizeId}`,
          detail: d.message,
        });
    } catch (err) {
      out.push({ kind: 'books:reconcile failed', subject: `activity ${id}`, detail: String(err) });
    }
  }
  return out;
}

/**
 * Waits until the draw-log worker has drained every activity's stream; gives up after `ms`, or
 * once the backlog has not moved for `stuckMs` (an entry the worker cannot write stays forever).
 */
export async function waitForDrain(
  prefix: string,
  activityIds: string[],
  { ms = 30_000, stuckMs = 4_000 } = {},
): Promise<number> {
  const { requestRedis } = await import('../../lib/redis');
  const redis = await requestRedis();
  const until = Date.now() + ms;
  let last = -1;
  let since = Date.now();
  for (;;) {
    const m = redis.multi();
    for (const id of activityIds) m.xlen(`${prefix}:{act:${id}}:stream`);
    const backlog = ((await m.exec()) ?? []).reduce((s, [, n]) => s + Number(n ?? 0), 0);
    if (backlog !== last) {
      last = backlog;
      since = Date.now();
    }
    if (backlog === 0 || Date.now() > until || Date.now() - since > stuckMs) return backlog;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** granted − used = remaining per user, in Redis and in the rows alike. */
export async function checkChances(prefix: string, activityIds: string[]): Promise<Finding[]> {
  const { db } = await import('../../lib/db');
  const { requestRedis } = await import('../../lib/redis');
  const redis = await requestRedis();
  const out: Finding[] = [];
  for (const activityId of activityIds) {
    const a = await db.activity.findUnique({
      where: { id: activityId },
      select: { status: true, timezone: true, freeDrawsPerDay: true },
    });
    if (!a || a.status === 'DRAFT' || !(await redis.exists(`${prefix}:{act:${activityId}}:cfg`))) continue;
    const [grants, draws] = await Promise.all([
      db.chanceGrant.groupBy({ by: ['userId'], where: { activityId }, _sum: { chances: true } }),
      db.draw.findMany({ where: { activityId }, select: { userId: true, chanceKind: true, createdAt: true } }),
    ]);
    const grantedBy = new Map(grants.map((g) => [g.userId, g._sum.chances ?? 0]));
    const drawsBy = new Map<string, typeof draws>();
    for (const d of draws) {
      const list = drawsBy.get(d.userId);
      if (list) list.push(d);
      else drawsBy.set(d.userId, [d]);
    }
    const users = new Set([...grantedBy.keys(), ...drawsBy.keys()]);
    const userPrefix = `${prefix}:{act:${activityId}}:u:`;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(
        cursor,
        'MATCH',
        `${userPrefix.replace(/[[\]*?\\]/g, '\\$&')}*`,
        'COUNT',
        1_000,
      );
      cursor = next;
      for (const k of keys) users.add(k.slice(userPrefix.length));
    } while (cursor !== '0');
    // Read in pipelined chunks: a crowd's tens of thousands of users, one round trip each, would take a while.
    const userIds = [...users];
    const hashes: Record<string, string>[] = [];
    for (let i = 0; i < userIds.length; i += 1_000) {
      const m = redis.pipeline();
      for (const userId of userIds.slice(i, i + 1_000)) m.hgetall(`${userPrefix}${userId}`);
      for (const [err, h] of (await m.exec()) ?? []) {
        if (err) throw err;
        hashes.push(h as Record<string, string>);
      }
    }
    for (const [i, userId] of userIds.entries()) {
      const h = hashes[i]!;
      const granted = grantedBy.get(userId) ?? 0;
      const mine = drawsBy.get(userId) ?? [];
      const used = mine.filter((d) => d.chanceKind === 'GRANTED').length;
      const subject = `activity ${activityId} user ${JSON.stringify(userId)}`;
      const n = (f: string) => Number(h[f] ?? 0);
      if (n('granted') !== granted)
        out.push({
          kind: 'books:chances granted',
          subject,
          detail: `Redis granted ${n('granted')}, ChanceGrant rows ${granted}`,
        });
      if (n('used') !== used)
        out.push({ kind: 'books:chances used', subject, detail: `Redis used ${n('used')}, GRANTED draws ${used}` });
      if (n('granted') - n('used') < 0)
        out.push({
          kind: 'books:chances negative',
          subject,
          detail: `granted ${n('granted')} − used ${n('used')} < 0`,
        });
      if (n('total') !== mine.length)
        out.push({ kind: 'books:draw count', subject, detail: `Redis total ${n('total')}, Draw rows ${mine.length}` });
      const freeByDay = new Map<string, number>();
      for (const d of mine)
        if (d.chanceKind === 'FREE')
          freeByDay.set(
            localDay(a.timezone, d.createdAt.getTime()),
            (freeByDay.get(localDay(a.timezone, d.createdAt.getTime())) ?? 0) + 1,
          );
      for (const [day, count] of freeByDay) {
        if (count > a.freeDrawsPerDay && count > n(`f:${day}`))
          out.push({
            kind: 'books:free draws',
            subject,
            detail: `${count} free draws on ${day}, ${a.freeDrawsPerDay} allowed`,
          });
        if (n(`f:${day}`) !== count)
          out.push({
            kind: 'books:free draws',
            subject,
            detail: `Redis f:${day} ${n(`f:${day}`)}, FREE draws ${count}`,
          });
      }
    }
  }
  return out;
}

/**
 * Whether the server took a made-up X-Forwarded-For as the client's address: its first hop is
 * what was recorded. A first hop naming the real peer (the fuzz connects from `peerIp`) proves
 * nothing, since the socket says the same.
 */
export function forwardedForBelieved(forgedIp: string | undefined, recordedIp: string | null, peerIp: string) {
  if (!forgedIp || !recordedIp) return false;
  const plain = (ip: string) => ip.trim().replace(/^::ffff:/i, '');
  const firstHop = plain(forgedIp.split(',')[0]!);
  return firstHop === plain(recordedIp) && firstHop !== plain(peerIp);
}

/**
 * Each answered draw is the caller's own (no two users or keys share one), and its IP is not the
 * one the caller made up (the requests come from `peerIp`).
 */
export async function checkAnsweredDraws(answered: AnsweredDraw[], peerIp: string): Promise<Finding[]> {
  const { db } = await import('../../lib/db');
  const out: Finding[] = [];
  const byDraw = new Map<string, AnsweredDraw[]>();
  for (const a of answered) byDraw.set(a.drawId, [...(byDraw.get(a.drawId) ?? []), a]);
  for (const [drawId, list] of byDraw) {
    const slots = new Set(list.map((a) => JSON.stringify([a.activity.toLowerCase(), a.sub, a.key])));
    if (slots.size > 1)
      out.push({
        kind: 'idempotency:slots collide',
        subject: `draw ${drawId}`,
        detail: `one draw answered ${slots.size} different (activity, user, key) slots: ${[...slots].join(' / ')}`,
      });
  }
  const rows = await db.draw.findMany({
    where: { id: { in: [...byDraw.keys()] } },
    select: { id: true, userId: true, idempotencyKey: true, ip: true },
  });
  const rowById = new Map(rows.map((r) => [r.id, r]));
  for (const [drawId, list] of byDraw) {
    const row = rowById.get(drawId);
    const a = list[0]!;
    if (!row) {
      out.push({
        kind: 'books:answered draw missing',
        subject: `draw ${drawId}`,
        detail: `answered to ${JSON.stringify(a.sub)} with key ${JSON.stringify(a.key)}, no Draw row`,
      });
      continue;
    }
    for (const x of list) {
      if (row.userId !== x.sub || row.idempotencyKey !== x.key) {
        out.push({
          kind: 'idempotency:answered another slot',
          subject: `draw ${drawId}`,
          detail:
            `answered to user ${JSON.stringify(x.sub)} key ${JSON.stringify(x.key)}; ` +
            `the row is user ${JSON.stringify(row.userId)} key ${JSON.stringify(row.idempotencyKey)}`,
        });
      }
      if (forwardedForBelieved(x.forgedIp, row.ip, peerIp)) {
        out.push({
          kind: 'client-ip:forwarded header trusted',
          subject: `draw ${drawId}`,
          detail: `X-Forwarded-For ${JSON.stringify(x.forgedIp)} from an untrusted peer was recorded as the draw's IP`,
        });
      }
    }
  }
  return out;
}

/** Redis keys of the run spelled from request text instead of the canonical id. */
export async function nonCanonicalKeys(prefix: string): Promise<string[]> {
  const { requestRedis } = await import('../../lib/redis');
  const redis = await requestRedis();
  const odd: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:\\{*`, 'COUNT', 2_000);
    cursor = next;
    for (const k of keys) {
      const tag = /^[^{]*\{(act|risk):([^}]*)\}/.exec(k);
      if (tag && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(tag[2]!)) odd.push(k);
    }
  } while (cursor !== '0');
  return odd;
}

/** Fields of the compiled config the live draw reads, compared with what the rows say now. */
const HOT_FIELDS = [
  'status',
  'startsAt',
  'endsAt',
  'free',
  'maxDay',
  'maxTotal',
  'maxWins',
  'tiers',
  'version',
] as const;

/** Activities whose hot state in Redis does not say what PostgreSQL says (status, period, odds, limits). */
export async function hotStateDisagreements(prefix: string, activityIds: string[]): Promise<string[]> {
  const { loadActivitySnapshot, compileConfig } = await import('../../lib/draw/activity-state');
  const { requestRedis } = await import('../../lib/redis');
  const redis = await requestRedis();
  const out: string[] = [];
  for (const id of activityIds) {
    const cfg = await redis.hgetall(`${prefix}:{act:${id}}:cfg`);
    if (!cfg.status) continue;
    const a = await loadActivitySnapshot(id);
    if (!a) continue;
    const want = compileConfig(a);
    const differ = HOT_FIELDS.filter((f) => cfg[f] !== want[f]);
    const said = differ.map((f) => `${f} is ${short(cfg[f])} in Redis, ${short(want[f])} in PostgreSQL`);
    if (differ.length) out.push(`activity ${id}: ${said.join('; ')}`);
  }
  return out;
}

const short = (s: string | undefined) => (s === undefined ? 'absent' : s.length > 60 ? `${s.slice(0, 60)}…` : s);

/** Draws decided after the activity ended (a grace of 2 s covers draws in flight at the end). */
export async function drawsAfterEnd(activityIds: string[]): Promise<Finding[]> {
  const { db } = await import('../../lib/db');
  const out: Finding[] = [];
  const ended = await db.activity.findMany({
    where: { id: { in: activityIds }, status: 'ENDED', endedAt: { not: null } },
    select: { id: true, endedAt: true },
  });
  for (const a of ended) {
    const late = await db.draw.count({
      where: { activityId: a.id, createdAt: { gt: new Date(a.endedAt!.getTime() + 2_000) } },
    });
    if (late)
      out.push({
        kind: 'books:draws after the end',
        subject: `activity ${a.id}`,
        detail: `${late} draws decided more than 2 s after the activity ended at ${a.endedAt!.toISOString()}`,
      });
  }
  return out;
}

// The books of draw activities after a fault, held against PostgreSQL, Redis and what clients were
// told: every stream drained, reconciliation quiet (no over-issue, pools agree with the ledger and
// with Redis), chances balance per user, every 200 answer is a Draw row under its key with its Win
// rows, each Idempotency-Key drew once, and no tier issued more wins than its stock.
import { checkChances, reconcileAll } from '../fuzz/books';
import { config } from '@/lib/config';
import { db } from '@/lib/db';
import { drainDrawLog } from '@/lib/draw/drain-draw-log';
import type { Redis } from '@/lib/redis';
import type { AnsweredDraw } from './draw-clients';

/** Drains every stream (bounded), then lists what does not add up; empty when the books are right. */
export async function checkDrawBooks(redis: Redis, activityIds: string[], answered: AnsweredDraw[]): Promise<string[]> {
  for (const id of activityIds) {
    for (let i = 0; i < 20 && (await drainDrawLog(redis, id)).backlog > 0; i++);
  }
  const findings: string[] = [];
  for (const f of await reconcileAll(activityIds)) findings.push(`${f.kind} ${f.subject}: ${f.detail}`);
  for (const f of await checkChances(config().REDIS_PREFIX, activityIds))
    findings.push(`${f.kind} ${f.subject}: ${f.detail}`);

  const byKey = new Map<string, AnsweredDraw>();
  for (const a of answered) {
    const key = `${a.activityId}/${a.userId}/${a.key}`;
    const before = byKey.get(key);
    if (before && before.drawId !== a.drawId)
      findings.push(`key ${key} answered two draws: ${before.drawId}, ${a.drawId}`);
    byKey.set(key, a);
  }
  const draws = await db.draw.findMany({
    where: { activityId: { in: activityIds } },
    select: { id: true, activityId: true, userId: true, idempotencyKey: true, wins: { select: { id: true } } },
  });
  const rows = new Map(draws.map((d) => [`${d.activityId}/${d.userId}/${d.idempotencyKey}`, d]));
  for (const [key, a] of byKey) {
    const row = rows.get(key);
    if (!row) findings.push(`answered draw ${a.drawId} (key ${key}) is not in PostgreSQL`);
    else if (row.id !== a.drawId) findings.push(`key ${key}: answered ${a.drawId}, PostgreSQL holds ${row.id}`);
    else {
      const held = new Set(row.wins.map((w) => w.id));
      for (const winId of a.winIds) if (!held.has(winId)) findings.push(`answered win ${winId} is not in PostgreSQL`);
    }
  }
  const tiers = await db.tier.findMany({
    where: { activityId: { in: activityIds } },
    select: { id: true, stock: true },
  });
  for (const t of tiers) {
    const won = await db.draw.count({ where: { tierId: t.id, wins: { some: { status: { not: 'VOID' } } } } });
    if (won > t.stock) findings.push(`tier ${t.id}: ${won} wins, stock ${t.stock}`);
  }
  return findings;
}

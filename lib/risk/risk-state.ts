// A tenant's risk rules and blacklists, compiled from PostgreSQL into Redis, where the draw
// reads them (lib/risk/check-risk.ts): no PostgreSQL read per draw. The rules key is written
// last; while it is missing the check rebuilds everything from the records first.
import { randomUUID } from 'node:crypto';
import { db } from '../db';
import type { Redis } from '../redis';
import { riskKeys } from './keys';

const LIST_KINDS = ['user', 'device', 'ip'] as const;
const CHUNK = 1_000;

/** The compiled form check-risk-batch-1.lua reads. */
type CompiledRule = { i: string; k: string; a: string; act: string; n?: number; w?: number; s?: number; d?: string };

export async function compileRiskRules(tenantId: string): Promise<CompiledRule[]> {
  const rules = await db.riskRule.findMany({
    where: { tenantId, enabled: true },
    orderBy: { createdAt: 'asc' },
  });
  return rules.map((r) => {
    const p = r.params as Record<string, number>;
    // Anomaly rules act on the subjects the stats worker flagged: d names which (user, device, ip).
    if (r.kind === 'WIN_RATE_ANOMALY' || r.kind === 'VELOCITY_ANOMALY') {
      return {
        i: r.id,
        k: r.kind,
        a: r.action,
        act: r.activityId ?? '',
        d: r.kind === 'WIN_RATE_ANOMALY' ? 'user' : String((r.params as { by: string }).by),
      };
    }
    return {
      i: r.id,
      k: r.kind,
      a: r.action,
      act: r.activityId ?? '',
      ...(p.limit !== undefined ? { n: p.limit, w: p.windowSeconds! * 1000 } : {}),
      ...(p.max !== undefined ? { n: p.max } : {}),
      ...(p.minAgeSeconds !== undefined ? { s: p.minAgeSeconds } : {}),
    };
  });
}

/**
 * After a rule changed: the rules only (the blacklists move entry by entry). Only over
 * existing state: without it the next check rebuilds everything, lists first.
 */
export async function writeRiskRules(redis: Redis, tenantId: string) {
  await redis.set(riskKeys(tenantId).rules, JSON.stringify(await compileRiskRules(tenantId)), 'XX');
}

/**
 * Everything, from the records: each blacklist is filled under a fresh name and renamed into
 * place, the rules last, so a concurrent rebuild or check never sees half a list.
 */
export async function rebuildRiskState(redis: Redis, tenantId: string) {
  const k = riskKeys(tenantId);
  const m = redis.multi();
  for (const kind of LIST_KINDS) {
    const tmp = `${k.list(kind)}:tmp:${randomUUID()}`;
    let filled = false;
    for (let cursor: string | undefined; ;) {
      const entries = await db.riskListEntry.findMany({
        where: { tenantId, kind: kind.toUpperCase() as 'USER' | 'DEVICE' | 'IP' },
        select: { id: true, value: true },
        orderBy: { id: 'asc' },
        take: CHUNK,
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      });
      if (entries.length) {
        await redis.sadd(tmp, ...entries.map((e) => e.value));
        filled = true;
      }
      if (entries.length < CHUNK) break;
      cursor = entries.at(-1)!.id;
    }
    if (filled) m.rename(tmp, k.list(kind));
    else m.del(k.list(kind));
  }
  m.set(k.rules, JSON.stringify(await compileRiskRules(tenantId)));
  await m.exec();
}

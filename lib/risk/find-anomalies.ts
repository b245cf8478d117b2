// Win-rate and velocity anomalies, found after the fact by the stats worker over the
// recent Draw rows of live activities: a user winning far above the odds, or a user, device
// or IP drawing far faster than people do. A subject found is flagged in Redis for the rule's
// `flagHours`, and its next draws meet the rule's action in the risk step
// (lua/check-risk-batch-1.lua). A newly flagged subject is one RiskEvent; a subject flagged again
// while still flagged is not counted twice.
import { Prisma } from '@/generated/prisma/client';
import { db } from '../db';
import { requestRedis } from '../redis';
import { riskKeys } from './keys';
import { recordRiskEvent } from './risk-events';

type Found = { subject: string; activityId: string; draws: number; wins: number };
const COLUMN = { user: Prisma.sql`"userId"`, device: Prisma.sql`"deviceId"`, ip: Prisma.sql`ip` } as const;

/** Runs every enabled anomaly rule once (or one tenant's); returns how many subjects were newly flagged. */
export async function findRiskAnomalies(now = Date.now(), { tenantId }: { tenantId?: string } = {}): Promise<number> {
  const rules = await db.riskRule.findMany({
    where: { enabled: true, kind: { in: ['WIN_RATE_ANOMALY', 'VELOCITY_ANOMALY'] }, ...(tenantId ? { tenantId } : {}) },
  });
  const redis = await requestRedis();
  let flagged = 0;
  for (const rule of rules) {
    const p = rule.params as {
      windowMinutes: number;
      flagHours: number;
      minDraws?: number;
      maxWinRate?: number;
      by?: 'user' | 'device' | 'ip';
      maxDraws?: number;
    };
    const activities = rule.activityId
      ? [rule.activityId]
      : (
          await db.activity.findMany({
            where: { tenantId: rule.tenantId, status: { in: ['LIVE', 'PAUSED'] } },
            select: { id: true },
          })
        ).map((a) => a.id);
    if (activities.length === 0) continue;
    const since = new Date(now - p.windowMinutes * 60_000);
    const by = rule.kind === 'WIN_RATE_ANOMALY' ? 'user' : p.by!;
    const column = COLUMN[by];
    // Each activity on its own (activityId, createdAt) range: bounded by the window, never a scan.
    const found = await db.$queryRaw<Found[]>`
      SELECT ${column} AS subject, (mode() WITHIN GROUP (ORDER BY "activityId"))::text AS "activityId", count(*)::int AS draws, (count(*) FILTER (WHERE outcome = 'WIN'))::int AS wins
      FROM "Draw"
      WHERE "activityId" = ANY(${activities}::uuid[]) AND "createdAt" >= ${since} AND ${column} IS NOT NULL
      GROUP BY ${column}
      HAVING ${
        rule.kind === 'WIN_RATE_ANOMALY'
          ? Prisma.sql`count(*) >= ${p.minDraws!} AND (count(*) FILTER (WHERE outcome = 'WIN'))::float8 / count(*) > ${p.maxWinRate!}`
          : Prisma.sql`count(*) > ${p.maxDraws!}`
      }
      LIMIT 10000`;
    if (found.length === 0) continue;
    const key = riskKeys(rule.tenantId).flagged(rule.id, by);
    const added = await Promise.all(found.map((f) => redis.sadd(key, f.subject)));
    await redis.expire(key, p.flagHours * 3600);
    found.forEach((f, i) => {
      if (added[i] !== 1) return;
      flagged++;
      recordRiskEvent({
        tenantId: rule.tenantId,
        activityId: f.activityId,
        ruleId: rule.id,
        kind: rule.kind,
        action: rule.action,
        userId: by === 'user' ? f.subject : null,
        deviceId: by === 'device' ? f.subject : null,
        ip: by === 'ip' ? f.subject : null,
        detail: { draws: f.draws, wins: f.wins, windowMinutes: p.windowMinutes, flagged: true },
      });
    });
  }
  return flagged;
}

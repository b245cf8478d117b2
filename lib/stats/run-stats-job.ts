// The `stats` job: aggregate one activity, or every activity that can still change. Repeatable
// schedulers run it every few seconds (recent pass) and every minute (settle pass); a failure
// of one activity does not starve the others, and the job fails afterwards so BullMQ retries.
import { ENDED_STATUSES } from '../activity-status';
import { db } from '../db';
import { log, errorFields } from '../log';
import type { Redis } from '../redis';
import { findRiskAnomalies } from '../risk/find-anomalies';
import { aggregateActivityStats, type AggregateResult } from './aggregate-activity-stats';

/** An ended activity still gets late draws from the stream drain for a while. */
const AFTER_END_MS = 24 * 3600_000;

export async function runStatsJob(redis: Redis, { activityId, settle = false }: { activityId?: string; settle?: boolean }, now = Date.now()): Promise<Record<string, AggregateResult>> {
  const ids = activityId ? [activityId] : await activitiesToAggregate(now);
  const results: Record<string, AggregateResult> = {};
  let failed: unknown = null;
  for (const id of ids) {
    try {
      results[id] = await aggregateActivityStats(redis, id, { settle, now });
    } catch (err) {
      failed = err;
      log.warn('stats aggregation failed', { activityId: id, ...errorFields(err) });
    }
  }
  // Win-rate and velocity anomalies (lib/risk/find-anomalies.ts) once a minute, with the settle pass.
  if (settle && !activityId) {
    try {
      await findRiskAnomalies(now);
    } catch (err) {
      failed = err;
      log.warn('risk anomaly check failed', errorFields(err));
    }
  }
  if (failed) throw failed;
  return results;
}

async function activitiesToAggregate(now: number): Promise<string[]> {
  const rows = await db.activity.findMany({
    where: {
      OR: [
        { status: { in: ['LIVE', 'PAUSED'] } },
        { status: { in: [...ENDED_STATUSES] }, endedAt: { gte: new Date(now - AFTER_END_MS) } },
      ],
    },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

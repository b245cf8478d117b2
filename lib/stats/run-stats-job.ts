// The `stats` job: aggregate one activity, or every activity that can still change. Repeatable
// schedulers run it every few seconds (recent pass) and every minute (settle pass) over the
// activities marked since the last such pass (lib/workers/dirty-activities.ts: drained draws,
// chance grants, status changes), and now and then over every one (the full pass). A failure
// of one activity does not starve the others: it stays marked, and the job fails afterwards.
import { ENDED_STATUSES } from '../activity-status';
import { db } from '../db';
import { log, errorFields } from '../log';
import type { Redis } from '../redis';
import { findRiskAnomalies } from '../risk/find-anomalies';
import { markDirty, takeDirty, type DirtyPass } from '../workers/dirty-activities';
import { aggregateActivityStats, type AggregateResult } from './aggregate-activity-stats';

/** An ended activity still gets late draws from the stream drain for a while. */
const AFTER_END_MS = 24 * 3600_000;

type StatsJob = { activityId?: string; settle?: boolean; marked?: boolean };

export async function runStatsJob(
  redis: Redis,
  { activityId, settle = false, marked = false }: StatsJob,
  now = Date.now(),
): Promise<Record<string, AggregateResult>> {
  const pass: DirtyPass = settle ? 'stats-settle' : 'stats-recent';
  const only = marked && !activityId ? await takeDirty(redis, pass) : undefined;
  const ids = activityId ? [activityId] : only?.length === 0 ? [] : await activitiesToAggregate(now, only);
  const results: Record<string, AggregateResult> = {};
  let failed: unknown = null;
  const failedIds: string[] = [];
  for (const id of ids) {
    try {
      results[id] = await aggregateActivityStats(redis, id, { settle, now });
    } catch (err) {
      failed = err;
      failedIds.push(id);
      log.warn('stats aggregation failed', { activityId: id, ...errorFields(err) });
    }
  }
  if (only) await markDirty(redis, failedIds, [pass]);
  // Win-rate and velocity anomalies (lib/risk/find-anomalies.ts) once a minute, with the marked settle pass.
  if (settle && marked && !activityId) {
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

async function activitiesToAggregate(now: number, only?: string[]): Promise<string[]> {
  const rows = await db.activity.findMany({
    where: {
      ...(only ? { id: { in: only } } : {}),
      OR: [
        { status: { in: ['LIVE', 'PAUSED'] } },
        { status: { in: [...ENDED_STATUSES] }, endedAt: { gte: new Date(now - AFTER_END_MS) } },
      ],
    },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

// The repeating jobs the workers keep, in one table, and how they come back. Every worker process
// upserts them on start, and again whenever Redis has lost them (restarted empty, flushed): a
// marker key, written before the first upsert, is then gone too (schedulesLost, checked with the
// heartbeat). Upserting is idempotent, so several processes doing it at once is harmless.
//
// Frequent passes visit only the activities marked since their last run
// (lib/workers/dirty-activities.ts); the full passes visit every activity they could concern, to
// catch a mark that was lost. Nothing here runs per activity: idle activities cost nothing.
import { config } from '../config';
import { log } from '../log';
import { getQueue, type QueueName, type QueuePayload } from '../queues';
import { key, type Redis } from '../redis';

type Schedule = {
  [N in QueueName]: { queue: N; id: string; everyMs: number; data: QueuePayload<N>; attempts?: number };
}[QueueName];

const SECOND_MS = 1_000;
const MINUTE_MS = 60 * SECOND_MS;
/** The full passes of the statistics, reconciliation and auto-tuning. */
const FULL_PASS_EVERY_MS = 10 * MINUTE_MS;

export function schedules(): Schedule[] {
  const autoTuneEveryMs = config().AUTO_TUNE_INTERVAL_SECONDS * SECOND_MS;
  const alertsEveryMs = config().ALERTS_SWEEP_INTERVAL_SECONDS * SECOND_MS;
  return [
    // Transitions a lost delayed job would have made; ended activities whose settle job was lost.
    { queue: 'activity-lifecycle', id: 'lifecycle-sweep', everyMs: MINUTE_MS, data: { sweep: true } },
    { queue: 'settle', id: 'settle-sweep', everyMs: MINUTE_MS, data: { sweep: true } },
    // Scheduled configuration changes whose delayed job was lost.
    { queue: 'apply-change', id: 'apply-change-sweep', everyMs: MINUTE_MS, data: { sweep: true } },
    // A new draw is in PostgreSQL within about DRAIN_GRACE_MS plus this, whatever its web process did.
    { queue: 'draw-log', id: 'drain-sweep', everyMs: SECOND_MS, data: { pass: 'sweep' }, attempts: 1 },
    { queue: 'draw-log', id: 'drain-full', everyMs: 2 * MINUTE_MS, data: { pass: 'full' } },
    // The dashboard polls every 5 s; its figures are at most this old (plus the poll).
    { queue: 'stats', id: 'stats-recent', everyMs: 3 * SECOND_MS, data: { marked: true }, attempts: 1 },
    { queue: 'stats', id: 'stats-settle', everyMs: MINUTE_MS, data: { settle: true, marked: true } },
    { queue: 'stats', id: 'stats-full', everyMs: FULL_PASS_EVERY_MS, data: { settle: true } },
    { queue: 'reconcile', id: 'reconcile-marked', everyMs: MINUTE_MS, data: { marked: true } },
    { queue: 'reconcile', id: 'reconcile-all', everyMs: FULL_PASS_EVERY_MS, data: {} },
    { queue: 'auto-tune', id: 'auto-tune-marked', everyMs: autoTuneEveryMs, data: { marked: true } },
    { queue: 'auto-tune', id: 'auto-tune-all', everyMs: Math.max(autoTuneEveryMs, FULL_PASS_EVERY_MS), data: {} },
    { queue: 'odds-drift', id: 'odds-drift-marked', everyMs: 5 * MINUTE_MS, data: { marked: true } },
    { queue: 'odds-drift', id: 'odds-drift-all', everyMs: 30 * MINUTE_MS, data: {} },
    // Tiers ahead of their pacing line, low stock (lib/alerts/check-live-alerts.ts).
    { queue: 'alerts', id: 'alerts-marked', everyMs: alertsEveryMs, data: { marked: true }, attempts: 1 },
    { queue: 'alerts', id: 'alerts-all', everyMs: Math.max(alertsEveryMs, FULL_PASS_EVERY_MS), data: {} },
    { queue: 'claim-expiry', id: 'expired-claims', everyMs: MINUTE_MS, data: {} },
    // Webhook deliveries due and not queued (a lost job, a sender killed mid-send), from PostgreSQL.
    { queue: 'deliveries', id: 'deliveries-sweep', everyMs: 5 * SECOND_MS, data: { sweep: true }, attempts: 1 },
  ];
}

const markerKey = () => key('workers', 'schedules');

/**
 * Upserts every schedule and removes the per-activity drain schedules of earlier versions. The
 * marker goes first: if Redis loses its data at any point after it, the marker is lost with it
 * and the next check starts again; a failure halfway takes it away so the next check retries.
 */
export async function ensureSchedules(redis: Redis): Promise<void> {
  await redis.set(markerKey(), String(Date.now()));
  try {
    for (const s of schedules()) {
      const template = { name: s.queue, data: s.data, ...(s.attempts ? { opts: { attempts: s.attempts } } : {}) };
      // BullMQ's generics over the job name do not narrow over a union of queues; the table is typed above.
      await (getQueue(s.queue) as ReturnType<typeof getQueue>).upsertJobScheduler(
        s.id,
        { every: s.everyMs },
        template as never,
      );
    }
    const removed = await removePerActivityDrains();
    if (removed > 0) log.info('per-activity drain schedules removed', { removed });
  } catch (err) {
    await redis.del(markerKey()).catch(() => undefined);
    throw err;
  }
}

/**
 * The draw-log's full pass, once, now. A sweeper takes its marks off the set before it drains, so
 * a worker killed mid-drain takes them with it; the process that replaces it looks at every
 * stream on start instead of waiting for the next full pass.
 */
export async function drainEverythingOnStart(): Promise<void> {
  await getQueue('draw-log').add('draw-log', { pass: 'full' });
}

/** Takes the marker away, so the next check makes the schedules (and what goes with them) again. */
export async function forgetSchedules(redis: Redis): Promise<void> {
  await redis.del(markerKey());
}

/** True when Redis no longer holds the schedules (it restarted empty, or was flushed). */
export async function schedulesLost(redis: Redis): Promise<boolean> {
  return (await redis.exists(markerKey())) === 0;
}

/** Earlier versions kept one `drain:<activityId>` schedule per activity; the sweep replaces them. */
async function removePerActivityDrains(): Promise<number> {
  const queue = getQueue('draw-log');
  const old = (await queue.getJobSchedulers(0, -1)).filter((s) => s.key.startsWith('drain:'));
  for (const s of old) await queue.removeJobScheduler(s.key);
  return old.length;
}

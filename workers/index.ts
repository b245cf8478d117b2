// Starts every queue processor, beats a heartbeat for /api/health, and shuts down gracefully:
// on SIGTERM or SIGINT each worker finishes its current job before the process exits.
import { Worker } from 'bullmq';
import { config, ConfigError } from '@/lib/config';
import { errorFields, log } from '@/lib/log';
import { bullPrefix, closeQueues } from '@/lib/queues';
import { createRedis, type Redis } from '@/lib/redis';
import { restoreActivityJobs } from '@/lib/activities/restore-activity-jobs';
import { fairnessKeyWarnings } from '@/lib/fairness/fairness-key-warnings';
import {
  drainEverythingOnStart,
  ensureSchedules,
  forgetSchedules,
  schedulesLost,
} from '@/lib/workers/ensure-schedules';
import { beat, forget } from '@/lib/workers/heartbeat';
import activityLifecycle from './activity-lifecycle';
import alerts from './alerts';
import applyChange from './apply-change';
import autoTune from './auto-tune';
import claimExpiry from './claim-expiry';
import drawLog from './draw-log';
import deliveries from './deliveries';
import oddsDrift from './odds-drift';
import reconcile from './reconcile';
import settle from './settle';
import stats from './stats';
import type { Processor } from './processor';
import type { QueueName } from '@/lib/queues';

const processors: Processor<QueueName>[] = [
  activityLifecycle,
  applyChange,
  claimExpiry,
  deliveries,
  drawLog,
  reconcile,
  settle,
  stats,
];
// Odds that move: auto-tuning, the odds-drift alarm.
processors.push(autoTune, oddsDrift);
// Warnings before harm: tiers ahead of their pacing line, low stock.
processors.push(alerts);
const HEARTBEAT_MS = 5_000;

async function main() {
  try {
    config();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  // A FAIRNESS_KEY that does not read the seeds stops every seeded draw: said before anything runs.
  for (const w of await fairnessKeyWarnings()) log.error(w.message, { code: w.code });
  const redis = createRedis('worker');
  const workers = processors.map((p) => {
    const worker = new Worker(p.queue, (job) => p.process(job), {
      connection: createRedis('worker'),
      prefix: bullPrefix(),
      concurrency: p.concurrency,
    });
    worker.on('failed', (job, err) =>
      log.warn('job failed', { queue: p.queue, jobId: job?.id, attempts: job?.attemptsMade, ...errorFields(err) }),
    );
    worker.on('error', (err) => log.error('worker error', { queue: p.queue, ...errorFields(err) }));
    return worker;
  });
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  // No marker: a first start, or a Redis that lost everything while no worker was running.
  const lost = await schedulesLost(redis);
  await ensureSchedules(redis);
  if (lost) await restoreJobs(redis);
  await drainEverythingOnStart();
  await beat(redis);
  // With the heartbeat: a Redis that restarted empty has lost the schedules; they are made again.
  const keepBeating = () =>
    beatAndKeepSchedules(redis).catch((err: unknown) => log.warn('heartbeat failed', errorFields(err)));
  const heartbeat = setInterval(keepBeating, HEARTBEAT_MS);
  log.info('workers started', { queues: processors.map((p) => p.queue) });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('workers stopping', { signal });
    clearInterval(heartbeat);
    await Promise.all(workers.map((w) => w.close()));
    await forget(redis).catch(() => undefined);
    await closeQueues();
    await redis.quit().catch(() => undefined);
    log.info('workers stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/** The activities' delayed jobs, again from PostgreSQL; if some could not be queued, the next beat tries again. */
async function restoreJobs(redis: Redis) {
  try {
    log.info('activity jobs restored from PostgreSQL', { activities: await restoreActivityJobs() });
  } catch (err) {
    await forgetSchedules(redis).catch(() => undefined);
    log.warn('activity jobs not all restored; trying again with the next heartbeat', errorFields(err));
  }
}

async function beatAndKeepSchedules(redis: Redis) {
  await beat(redis);
  if (await schedulesLost(redis)) {
    log.warn('schedules lost from Redis; making them again');
    await ensureSchedules(redis);
    await restoreJobs(redis);
  }
}

main().catch((err: unknown) => {
  log.error('workers failed to start', errorFields(err));
  process.exit(1);
});

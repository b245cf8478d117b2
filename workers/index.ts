// Starts every queue processor, beats a heartbeat for /api/health, and shuts down gracefully:
// on SIGTERM or SIGINT each worker finishes its current job before the process exits.
import { Worker } from 'bullmq';
import { config, ConfigError } from '@/lib/config';
import { errorFields, log } from '@/lib/log';
import { bullPrefix, closeQueues, getQueue } from '@/lib/queues';
import { createRedis } from '@/lib/redis';
import { beat, forget } from '@/lib/workers/heartbeat';
import activityLifecycle from './activity-lifecycle';
import autoTune from './auto-tune';
import claimExpiry from './claim-expiry';
import drawLog from './draw-log';
import notify from './notify';
import oddsDrift from './odds-drift';
import reconcile from './reconcile';
import settle from './settle';
import stats from './stats';
import type { Processor } from './processor';
import type { QueueName } from '@/lib/queues';

const processors: Processor<QueueName>[] = [activityLifecycle, claimExpiry, drawLog, notify, reconcile, settle, stats];
// Odds that move: auto-tuning, the odds-drift alarm.
processors.push(autoTune, oddsDrift);
const ODDS_DRIFT_EVERY_MS = 5 * 60_000;
/** How often the lifecycle sweep looks for transitions a lost delayed job would have made. */
const LIFECYCLE_SWEEP_MS = 60_000;
/** How often the settle sweep looks for ended activities whose settle job was lost or gave up. */
const SETTLE_SWEEP_MS = 60_000;
const RECONCILE_EVERY_MS = 60_000;
const CLAIM_EXPIRY_MS = 60_000;
const HEARTBEAT_MS = 5_000;
/** The dashboard polls every 5 s; its figures are at most this old (plus the poll). */
const STATS_RECENT_EVERY_MS = 3_000;
const STATS_SETTLE_EVERY_MS = 60_000;

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
  const redis = createRedis('worker');
  const workers = processors.map((p) => {
    const worker = new Worker(p.queue, (job) => p.process(job), {
      connection: createRedis('worker'),
      prefix: bullPrefix(),
      concurrency: p.concurrency,
    });
    worker.on('failed', (job, err) => log.warn('job failed', { queue: p.queue, jobId: job?.id, attempts: job?.attemptsMade, ...errorFields(err) }));
    worker.on('error', (err) => log.error('worker error', { queue: p.queue, ...errorFields(err) }));
    return worker;
  });
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  await getQueue('activity-lifecycle').upsertJobScheduler('lifecycle-sweep', { every: LIFECYCLE_SWEEP_MS }, { name: 'activity-lifecycle', data: { sweep: true } });
  await getQueue('reconcile').upsertJobScheduler('reconcile-all', { every: RECONCILE_EVERY_MS }, { name: 'reconcile', data: {} });
  await getQueue('stats').upsertJobScheduler('stats-recent', { every: STATS_RECENT_EVERY_MS }, { name: 'stats', data: {}, opts: { attempts: 1 } });
  await getQueue('stats').upsertJobScheduler('stats-settle', { every: STATS_SETTLE_EVERY_MS }, { name: 'stats', data: { settle: true } });
  const expiredClaimsJob = { name: 'claim-expiry', data: {} } as const;
  await getQueue('claim-expiry').upsertJobScheduler('expired-claims', { every: CLAIM_EXPIRY_MS }, expiredClaimsJob);
  const settleSweepJob = { name: 'settle', data: { sweep: true } } as const;
  await getQueue('settle').upsertJobScheduler('settle-sweep', { every: SETTLE_SWEEP_MS }, settleSweepJob);
  await getQueue('auto-tune').upsertJobScheduler('auto-tune-all', { every: config().AUTO_TUNE_INTERVAL_SECONDS * 1000 }, { name: 'auto-tune', data: {} });
  await getQueue('odds-drift').upsertJobScheduler('odds-drift-all', { every: ODDS_DRIFT_EVERY_MS }, { name: 'odds-drift', data: {} });
  await beat(redis);
  const heartbeat = setInterval(() => beat(redis).catch((err: unknown) => log.warn('heartbeat failed', errorFields(err))), HEARTBEAT_MS);
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

main().catch((err: unknown) => {
  log.error('workers failed to start', errorFields(err));
  process.exit(1);
});

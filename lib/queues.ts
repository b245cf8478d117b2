// Named BullMQ queues with typed payloads. Each payload is a zod schema:
// enqueue validates it, and the worker validates it again (a bad payload is unrecoverable).
// Jobs are idempotent; delivery is at least once. Ids in payloads are canonical (lib/ids.ts), as
// the job names built from them.
import { Queue, type JobsOptions } from 'bullmq';
import { z } from 'zod';
import { config } from './config';
import { Id } from './ids';
import { errorFields, log } from './log';
import { createRedis, type Redis } from './redis';

export const queuePayloads = {
  /**
   * Drain the draw streams of the activities marked since the last sweep into PostgreSQL and write
   * stock counters back (`sweep`), or mark every activity whose stream is not empty (`full`).
   */
  'draw-log': z.strictObject({ pass: z.enum(['sweep', 'full']) }),
  /** Settle an ended activity once (drain, fixed winners, stock return, schedules); `sweep` re-queues stuck ones. */
  settle: z.union([z.strictObject({ activityId: Id }), z.strictObject({ sweep: z.literal(true) })]),
  /** Void physical wins whose claim window has passed, their stock back to the total pools. */
  'claim-expiry': z.strictObject({}),
  /**
   * Aggregate per-minute statistics (all active activities without an id, only those marked since
   * the last such pass with `marked`); `settle` also checks the totals against the records.
   */
  stats: z.strictObject({
    activityId: Id.optional(),
    settle: z.boolean().optional(),
    marked: z.literal(true).optional(),
  }),
  /** A scheduled status change of an activity (re-checked when it runs); `sweep` finds missed ones. */
  'activity-lifecycle': z.union([
    z.strictObject({ activityId: Id, transition: z.enum(['start', 'end']), configVersion: z.number().int() }),
    z.strictObject({ sweep: z.literal(true) }),
  ]),
  /** Compare Redis, the pools, the Win rows and the ledger; raise an Alert on drift (one, the marked, or all). */
  reconcile: z.strictObject({ activityId: Id.optional(), marked: z.literal(true).optional() }),
  /** Retune the odds of auto-tuned tiers of live activities (one activity, the marked, or all). */
  'auto-tune': z.strictObject({ activityId: Id.optional(), marked: z.literal(true).optional() }),
  /** Chi-square test of live activities' outcomes against their odds (one, the marked, or all); alert (and pause). */
  'odds-drift': z.strictObject({ activityId: Id.optional(), marked: z.literal(true).optional() }),
  /** Live alerts of live activities (one, the marked, or all): tiers ahead of pacing, low stock. */
  alerts: z.strictObject({ activityId: Id.optional(), marked: z.literal(true).optional() }),
  /** Apply a scheduled configuration change at its time, once (re-checked when it runs); `sweep` finds missed ones. */
  'apply-change': z.union([z.strictObject({ tenantId: Id, changeId: Id }), z.strictObject({ sweep: z.literal(true) })]),
  /**
   * One attempt of an outbound webhook delivery (lib/webhooks/send-delivery.ts); `sweep` queues every
   * delivery whose attempt is due, from PostgreSQL (a job lost with Redis, or never queued).
   */
  deliveries: z.union([z.strictObject({ deliveryId: Id }), z.strictObject({ sweep: z.literal(true) })]),
} as const;

export type QueueName = keyof typeof queuePayloads;
export type QueuePayload<N extends QueueName> = z.infer<(typeof queuePayloads)[N]>;

/** BullMQ keeps its keys under this prefix; it follows the deployment's Redis prefix. */
export function bullPrefix(): string {
  return `${config().REDIS_PREFIX}:bull`;
}

const globalForQueues = globalThis as unknown as { lotteryQueues?: Map<QueueName, Queue>; lotteryQueueRedis?: Redis };

function queueConnection(): Redis {
  return (globalForQueues.lotteryQueueRedis ??= createRedis('worker'));
}

export function getQueue<N extends QueueName>(name: N): Queue<QueuePayload<N>> {
  const queues = (globalForQueues.lotteryQueues ??= new Map());
  let queue = queues.get(name);
  if (!queue) {
    queue = new Queue(name, {
      connection: queueConnection(),
      prefix: bullPrefix(),
      defaultJobOptions: {
        attempts: 8,
        backoff: { type: 'exponential', delay: 1_000 },
        removeOnComplete: 1_000,
        removeOnFail: 5_000,
      },
    });
    // While Redis is down the connection fails on every reconnect attempt; BullMQ retries by itself.
    queue.on('error', (err: Error) =>
      log.warn('queue connection to Redis failed', { queue: name, ...errorFields(err) }),
    );
    queues.set(name, queue);
  }
  return queue as Queue<QueuePayload<N>>;
}

export async function enqueue<N extends QueueName>(name: N, payload: QueuePayload<N>, opts?: JobsOptions) {
  const data = queuePayloads[name].parse(payload) as QueuePayload<N>;
  // BullMQ's generics over the job name do not narrow well; the payload is validated above.
  return (getQueue(name) as unknown as Queue).add(name, data, opts);
}

export async function closeQueues() {
  const queues = globalForQueues.lotteryQueues;
  if (queues) await Promise.all([...queues.values()].map((q) => q.close()));
  globalForQueues.lotteryQueues = undefined;
  await globalForQueues.lotteryQueueRedis?.quit().catch(() => undefined);
  globalForQueues.lotteryQueueRedis = undefined;
}

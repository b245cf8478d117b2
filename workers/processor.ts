// A worker is thin: re-parse the payload (a bad one is unrecoverable, never retried), then
// call one lib function. Retries come from BullMQ's attempts and backoff.
import { UnrecoverableError, type Job } from 'bullmq';
import { queuePayloads, type QueueName, type QueuePayload } from '@/lib/queues';
import { holdPoint } from '@/lib/workers/hold-point';

export type Processor<N extends QueueName> = {
  queue: N;
  concurrency: number;
  process: (job: Job) => Promise<unknown>;
};

export function defineProcessor<N extends QueueName>(
  queue: N,
  { concurrency }: { concurrency: number },
  handle: (payload: QueuePayload<N>, job: Job) => Promise<unknown>,
): Processor<N> {
  return {
    queue,
    concurrency,
    async process(job) {
      const parsed = queuePayloads[queue].safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`bad ${queue} payload: ${parsed.error.message}`);
      const result = await handle(parsed.data as QueuePayload<N>, job);
      // Tests kill a process here: every effect made, the job not yet marked done.
      await holdPoint(`${queue}:done`, job.id);
      return result;
    },
  };
}

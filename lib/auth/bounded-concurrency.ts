// At most `max` calls of a costly function at once in this process, a few more waiting their
// turn, and the rest refused at once: a flood is told to come back, never queued without end.
import { AppError } from '../errors';

export type BoundedConcurrency = {
  run<T>(fn: () => Promise<T>): Promise<T>;
  readonly running: number;
  readonly waiting: number;
};

export function boundedConcurrency({
  max,
  maxWaiting,
  busyMessage,
}: {
  max: number;
  maxWaiting: number;
  busyMessage: string;
}): BoundedConcurrency {
  let running = 0;
  const queue: (() => void)[] = [];

  function release() {
    const next = queue.shift();
    // The slot passes straight to the next waiter, so `running` never dips below what runs.
    if (next) next();
    else running--;
  }

  return {
    async run<T>(fn: () => Promise<T>): Promise<T> {
      if (running < max) running++;
      else if (queue.length < maxWaiting) await new Promise<void>((resolve) => queue.push(resolve));
      else throw new AppError('RATE_LIMITED', busyMessage, undefined, { 'retry-after': '1' });
      try {
        return await fn();
      } finally {
        release();
      }
    },
    get running() {
      return running;
    },
    get waiting() {
      return queue.length;
    },
  };
}

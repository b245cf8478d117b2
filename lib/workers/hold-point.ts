// A seam for tests that kill a workers process in the middle of a job. Production never sets
// WORKER_HOLD_AT, and a hold point then costs one lookup in an empty set. A test names points
// (`settle:return-stock:<activityId>`, `transition:ENDED:<activityId>`, `<queue>:done:<jobId>` ...): a process reaching one
// notes it in Redis (heldKey) and waits there for ever, so the test can SIGKILL it at exactly
// that step and check that the job's next delivery finishes the work with every effect once.
import { config } from '../config';
import { key, requestRedis } from '../redis';

export const heldKey = (point: string) => key('held', point);

/** Holds at `point`, or at `point:subject` when the test named only that activity's. */
export async function holdPoint(point: string, subject?: string): Promise<void> {
  const holds = config().WORKER_HOLD_AT;
  if (holds.size === 0) return;
  const named = [point, `${point}:${subject}`].find((p) => holds.has(p));
  if (!named) return;
  await (await requestRedis()).set(heldKey(named), String(process.pid), 'EX', 600);
  await new Promise<never>(() => undefined);
}

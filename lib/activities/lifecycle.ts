// Scheduled status changes: SCHEDULED → LIVE at startsAt, SCHEDULED, LIVE or PAUSED → ENDED at
// endsAt, made through the one transition table (lib/activities/transition-activity.ts). Delayed
// jobs fire on time (lib/activities/schedule-lifecycle.ts queues them); each run re-reads the
// activity and changes it only if the change is still due and still valid, so a job that runs
// twice, late, after a worker restart or after the period was edited does the right thing once.
// A sweep finds what a lost job would have missed.
import type { ActivityStatus } from '@/generated/prisma/client';
import { db } from '../db';
import { enqueueTransition, type Transition } from './schedule-lifecycle';
import { repeatFollowThrough, transitionActivity } from './transition-activity';
import { nowMs } from '../clock';

const system = { type: 'SYSTEM', id: 'activity-lifecycle' } as const;

const FROM: Record<Transition, ActivityStatus[]> = { start: ['SCHEDULED'], end: ['SCHEDULED', 'LIVE', 'PAUSED'] };
const TO: Record<Transition, ActivityStatus> = { start: 'LIVE', end: 'ENDED' };

/** The job: apply the transition if it is due; reschedule if the period moved later. */
export async function runTransition(
  activityId: string,
  transition: Transition,
  now = nowMs(),
): Promise<'applied' | 'not-due' | 'not-applicable'> {
  const a = await db.activity.findUnique({
    where: { id: activityId },
    select: { status: true, startsAt: true, endsAt: true, configVersion: true },
  });
  if (!a) return 'not-applicable';
  if (a.status === TO[transition]) {
    // Made already, perhaps by a run that died before its follow-through: that part again.
    await repeatFollowThrough(activityId, a.status, now);
    return 'not-applicable';
  }
  if (!FROM[transition].includes(a.status)) return 'not-applicable';
  const due = transition === 'start' ? a.startsAt.getTime() : a.endsAt.getTime();
  if (due > now) {
    await enqueueTransition({ activityId, transition, atMs: due, configVersion: a.configVersion, now });
    return 'not-due';
  }
  const outcome = await transitionActivity({
    activityId,
    from: FROM[transition],
    to: TO[transition],
    actor: system,
    action: `activity.${transition}`,
    audit: { scheduled: true },
    now,
  });
  if (outcome.applied) return 'applied';
  // Another run made it meanwhile, and may die before its follow-through.
  if (outcome.status === TO[transition]) await repeatFollowThrough(activityId, outcome.status, now);
  return 'not-applicable';
}

/** Transitions that are due but were not made (a lost delayed job): made now. */
export async function sweepLifecycle(now = nowMs()): Promise<number> {
  const due = await db.activity.findMany({
    where: {
      OR: [
        { status: 'SCHEDULED', startsAt: { lte: new Date(now) } },
        { status: { in: ['SCHEDULED', 'LIVE', 'PAUSED'] }, endsAt: { lte: new Date(now) } },
      ],
    },
    select: { id: true, endsAt: true },
    take: 500,
  });
  let applied = 0;
  for (const a of due) {
    const transition: Transition = a.endsAt.getTime() <= now ? 'end' : 'start';
    if ((await runTransition(a.id, transition, now)) === 'applied') applied++;
  }
  return applied;
}

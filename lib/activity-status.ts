// SETTLED is the books' own state: an ended activity whose settling has finished
// (lib/activities/settle-activity.ts). To everyone outside them (the APIs, the console, the play
// page) it has simply ended: every view shows it as ENDED and every filter for ENDED finds it.
import type { ActivityStatus } from '@/generated/prisma/client';

export type PublicStatus = Exclude<ActivityStatus, 'SETTLED'>;

/** The states of an activity that has ended, settled or not. */
export const ENDED_STATUSES = ['ENDED', 'SETTLED'] as const satisfies readonly ActivityStatus[];

export function publicStatus(status: ActivityStatus): PublicStatus {
  return status === 'SETTLED' ? 'ENDED' : status;
}

export function hasEnded(status: ActivityStatus): boolean {
  return status === 'ENDED' || status === 'SETTLED';
}

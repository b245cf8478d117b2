// How a change's status reads in the console.
import type { BadgeTone } from '@/components/ui/badge';
import { msg } from '@/lib/i18n/console/translator';

export const CHANGE_STATUSES = ['PENDING', 'SCHEDULED', 'CONFLICT', 'APPLIED', 'REJECTED', 'CANCELLED'] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];

export const changeStatusTone: Record<ChangeStatus, BadgeTone> = {
  PENDING: 'amber',
  SCHEDULED: 'blue',
  APPLIED: 'green',
  REJECTED: 'red',
  CANCELLED: 'neutral',
  CONFLICT: 'red',
};

export const isOpenChange = (status: string) => status === 'PENDING' || status === 'SCHEDULED';

/** A change status's English name, shown through `t(...)`. */
export const changeStatusLabels: Record<ChangeStatus, string> = {
  PENDING: msg('Pending'),
  SCHEDULED: msg('Scheduled'),
  CONFLICT: msg('Conflict'),
  APPLIED: msg('Applied'),
  REJECTED: msg('Rejected'),
  CANCELLED: msg('Cancelled'),
};

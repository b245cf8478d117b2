// How a change's status reads in the console.
import type { BadgeTone } from '@/components/ui/badge';

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

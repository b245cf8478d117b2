import type { BadgeTone } from '@/components/ui/badge';

export const winStatuses = [
  'AWAITING_CLAIM',
  'PENDING_DELIVERY',
  'CLAIMED',
  'SHIPPED',
  'DELIVERED',
  'HELD',
  'VOID',
] as const;
export type WinStatus = (typeof winStatuses)[number];

export const winStatusLabel: Record<WinStatus, string> = {
  AWAITING_CLAIM: 'Awaiting claim',
  PENDING_DELIVERY: 'Pending delivery',
  CLAIMED: 'Claimed',
  SHIPPED: 'Shipped',
  DELIVERED: 'Delivered',
  HELD: 'Held for review',
  VOID: 'Void',
};

export const winStatusTone: Record<WinStatus, BadgeTone> = {
  AWAITING_CLAIM: 'amber',
  PENDING_DELIVERY: 'amber',
  CLAIMED: 'blue',
  SHIPPED: 'violet',
  DELIVERED: 'green',
  HELD: 'red',
  VOID: 'neutral',
};

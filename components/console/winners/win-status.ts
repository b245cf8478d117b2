import type { BadgeTone } from '@/components/ui/badge';
import { msg } from '@/lib/i18n/console/translator';

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
  AWAITING_CLAIM: msg('Awaiting claim'),
  PENDING_DELIVERY: msg('Pending delivery'),
  CLAIMED: msg('Claimed'),
  SHIPPED: msg('Shipped'),
  DELIVERED: msg('Delivered'),
  HELD: msg('Held for review'),
  VOID: msg('Void'),
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

import type { WinnerDto } from '@/lib/fulfilment/list-winners';
import type { WinStatus } from './win-status';

/** What the winners table shows of a win (dates as ISO strings, activity by name). */
export type WinnerRow = {
  id: string;
  userId: string;
  wonAt: string;
  activityName: string;
  tierName: string;
  prize: { name: string; kind: string };
  quantity: number;
  status: WinStatus;
  claim: { name: string | null; phone: string | null; address: string | null } | null;
  shipment: { carrier: string | null; trackingNumber: string | null; shippedAt: string } | null;
};

/** `unknownActivity`: the name shown for an activity no longer listed (in the console's language). */
export function toWinnerRow(w: WinnerDto, activityNames: Map<string, string>, unknownActivity: string): WinnerRow {
  return {
    id: w.winId,
    userId: w.userId,
    wonAt: w.wonAt,
    activityName: activityNames.get(w.activityId) ?? unknownActivity,
    tierName: w.tier.name,
    prize: { name: w.prize.name, kind: w.prize.kind },
    quantity: w.quantity,
    status: w.status,
    claim: w.claim ? { name: w.claim.name, phone: w.claim.phone, address: w.claim.address } : null,
    shipment: w.shipment,
  };
}

/** What an operator may do with a win in its current state. */
export function winActions(w: Pick<WinnerRow, 'status' | 'prize'>) {
  return {
    ship: w.prize.kind === 'physical' && (w.status === 'CLAIMED' || w.status === 'SHIPPED'),
    void: w.status === 'AWAITING_CLAIM' || w.status === 'CLAIMED',
    review: w.status === 'HELD',
  };
}

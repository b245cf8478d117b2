import { z } from 'zod';

export const ClaimWin = z.strictObject({
  name: z.string().trim().min(1, 'enter the recipient name').max(60),
  phone: z.string().trim().regex(/^\+?[0-9][0-9 ()-]{4,19}$/, 'a phone number of 5 to 20 digits'),
  address: z.string().trim().min(5, 'enter the full address').max(300),
});
export type ClaimWin = z.infer<typeof ClaimWin>;

export const ShipWin = z.strictObject({
  carrier: z.string().trim().min(1, 'enter the carrier').max(60, 'use at most 60 characters'),
  trackingNumber: z.string().trim().min(3, 'enter the tracking number').max(60, 'use at most 60 characters').regex(/^[A-Za-z0-9 -]+$/, 'letters, digits, spaces and dashes only'),
});
export type ShipWin = z.infer<typeof ShipWin>;

/** Voiding or rejecting by an operator says why; the reason is kept in the win and the audit log. */
export const WinReason = z.strictObject({ reason: z.string().trim().min(1, 'enter a reason').max(300, 'use at most 300 characters') });
export type WinReason = z.infer<typeof WinReason>;

/** Bulk actions work on at most one page of the winners table. */
export const WinIds = z.array(z.uuid('not a valid win id')).min(1, 'select at least one win').max(100, 'select at most 100 wins');
export type WinIds = z.infer<typeof WinIds>;

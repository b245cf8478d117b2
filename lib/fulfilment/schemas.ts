import { z } from 'zod';
import { text } from '../validation/text';
import { Id } from '../ids';
import { CLAIM_ADDRESS_MAX, CLAIM_ADDRESS_MIN, CLAIM_NAME_MAX, CLAIM_PHONE_PATTERN } from './claim-rules';

export const ClaimWin = z.strictObject({
  name: text({ min: 1, max: CLAIM_NAME_MAX, tooShort: 'enter the recipient name' }),
  phone: z.string().trim().regex(CLAIM_PHONE_PATTERN, 'a phone number of 5 to 20 digits'),
  address: text({
    min: CLAIM_ADDRESS_MIN,
    max: CLAIM_ADDRESS_MAX,
    multiline: true,
    tooShort: 'enter the full address',
  }),
});
export type ClaimWin = z.infer<typeof ClaimWin>;

export const ShipWin = z.strictObject({
  carrier: text({ min: 1, max: 60, tooShort: 'enter the carrier' }),
  trackingNumber: z
    .string()
    .trim()
    .min(3, 'enter the tracking number')
    .max(60, 'use at most 60 characters')
    .regex(/^[A-Za-z0-9 -]+$/, 'letters, digits, spaces and dashes only'),
});
export type ShipWin = z.infer<typeof ShipWin>;

/** Voiding or rejecting by an operator says why; the reason is kept in the win and the audit log. */
export const WinReason = z.strictObject({ reason: text({ min: 1, max: 300, tooShort: 'enter a reason' }) });
export type WinReason = z.infer<typeof WinReason>;

/** Bulk actions work on at most one page of the winners table. */
export const WinIds = z.array(Id).min(1, 'select at least one win').max(100, 'select at most 100 wins');
export type WinIds = z.infer<typeof WinIds>;

/** Approving a held win takes nothing but the decision: `{}` or no body. */
export const ApproveWin = z.strictObject({});
export type ApproveWin = z.infer<typeof ApproveWin>;

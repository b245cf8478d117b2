import { z } from 'zod';
import { CLAIM_ADDRESS_MAX, CLAIM_ADDRESS_MIN, CLAIM_NAME_MAX, CLAIM_PHONE_PATTERN } from './claim-rules';

export const ClaimWin = z.strictObject({
  name: z.string().trim().min(1, 'enter the recipient name').max(CLAIM_NAME_MAX),
  phone: z.string().trim().regex(CLAIM_PHONE_PATTERN, 'a phone number of 5 to 20 digits'),
  address: z.string().trim().min(CLAIM_ADDRESS_MIN, 'enter the full address').max(CLAIM_ADDRESS_MAX),
});
export type ClaimWin = z.infer<typeof ClaimWin>;

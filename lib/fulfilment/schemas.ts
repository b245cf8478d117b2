import { z } from 'zod';

export const ClaimWin = z.strictObject({
  name: z.string().trim().min(1, 'enter the recipient name').max(60),
  phone: z.string().trim().regex(/^\+?[0-9][0-9 ()-]{4,19}$/, 'a phone number of 5 to 20 digits'),
  address: z.string().trim().min(5, 'enter the full address').max(300),
});
export type ClaimWin = z.infer<typeof ClaimWin>;

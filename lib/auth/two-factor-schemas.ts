import { z } from 'zod';

/** A code from the authenticator app (6 digits) or a recovery code (xxxxx-xxxxx); spaces ignored. */
export const SecondFactorCode = z
  .string()
  .max(40)
  .transform((c) => c.replace(/\s+/g, '').toLowerCase())
  .refine(
    (c) => /^\d{6}$/.test(c) || /^[a-z2-7]{5}-?[a-z2-7]{5}$/.test(c),
    'enter the 6-digit code or a recovery code',
  );

export const TotpCode = z
  .string()
  .max(40)
  .transform((c) => c.replace(/\s+/g, ''))
  .refine((c) => /^\d{6}$/.test(c), 'enter the 6-digit code from your authenticator app');

export const RequireOwnerTwoFactor = z.strictObject({ required: z.boolean() });
export type RequireOwnerTwoFactor = z.infer<typeof RequireOwnerTwoFactor>;

import { z } from 'zod';
import { NewPassword } from './password-rules';

export const RequestPasswordReset = z.strictObject({
  email: z
    .email('enter a valid email address')
    .max(200)
    .transform((e) => e.trim().toLowerCase()),
});
export type RequestPasswordReset = z.infer<typeof RequestPasswordReset>;

/** The link's token is 32 random bytes in base64url; anything else names no link. */
export const ResetToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'this link is not valid');

export const ResetPassword = z.strictObject({ token: ResetToken, password: NewPassword });
export type ResetPassword = z.infer<typeof ResetPassword>;

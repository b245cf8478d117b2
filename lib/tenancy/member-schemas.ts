import { z } from 'zod';
import { text } from '../validation/text';
import { Id } from '../ids';
import { NewPassword } from '../auth/password-rules';

export { PASSWORD_MIN } from '../auth/password-rules';

export const MemberRole = z.enum(['OWNER', 'OPERATOR', 'ANALYST'], 'choose Owner, Operator or Analyst');
export type MemberRole = z.infer<typeof MemberRole>;

export const InviteMember = z.strictObject({
  email: z
    .email('enter a valid email address')
    .max(200)
    .transform((e) => e.trim().toLowerCase()),
  role: MemberRole,
});
export type InviteMember = z.infer<typeof InviteMember>;

export const ChangeMemberRole = z.strictObject({ operatorId: Id, role: MemberRole });
export type ChangeMemberRole = z.infer<typeof ChangeMemberRole>;

/** A new operator names themselves and chooses a password; an existing one proves who they are. */
export const AcceptInvitation = z.union([
  z.strictObject({
    kind: z.literal('new'),
    name: text({ min: 1, max: 80, tooShort: 'enter your name' }),
    password: NewPassword,
  }),
  z.strictObject({ kind: z.literal('existing'), password: z.string().min(1, 'enter your password').max(200) }),
]);
export type AcceptInvitation = z.infer<typeof AcceptInvitation>;

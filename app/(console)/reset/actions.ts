'use server';

// The public password reset pages' actions. No session: asking for a link answers the same for
// any address (lib/auth/request-password-reset.ts); the link's token is the credential that sets
// the new password (lib/auth/reset-password.ts).
import { headers } from 'next/headers';
import { requestPasswordReset } from '@/lib/auth/request-password-reset';
import { RequestPasswordReset, ResetPassword } from '@/lib/auth/password-reset-schemas';
import { resetPassword } from '@/lib/auth/reset-password';
import { clientIp } from '@/lib/http/client-ip';
import { runAction, type ActionResult } from '@/lib/http/action-result';

export async function requestPasswordResetAction(email: unknown): Promise<ActionResult<{ sent: true }>> {
  return runAction(async () => {
    const input = RequestPasswordReset.parse({ email });
    await requestPasswordReset({ email: input.email, ip: clientIp({ headers: await headers() }) });
    return { sent: true as const };
  });
}

export async function resetPasswordAction(token: unknown, password: unknown): Promise<ActionResult<{ email: string }>> {
  return runAction(async () => resetPassword(ResetPassword.parse({ token, password })));
}

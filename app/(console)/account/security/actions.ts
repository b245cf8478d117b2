'use server';

// The signed-in operator's own two-factor sign-in (lib/auth/enrol-two-factor.ts). Every action
// acts on the session's operator only; it takes no operator id from the browser.
import { revalidatePath } from 'next/cache';
import { confirmTwoFactorEnrolment, disableTwoFactor, startTwoFactorEnrolment } from '@/lib/auth/enrol-two-factor';
import { SecondFactorCode, TotpCode } from '@/lib/auth/two-factor-schemas';
import { AppError } from '@/lib/errors';
import { runAction, type ActionResult } from '@/lib/http/action-result';
import { currentOperatorId } from '../../_server/session';

async function signedInOperator(): Promise<string> {
  const operatorId = await currentOperatorId();
  if (!operatorId) throw new AppError('UNAUTHORIZED', 'sign in first');
  return operatorId;
}

export async function startTwoFactorAction(): Promise<ActionResult<{ uri: string; secret: string }>> {
  return runAction(async () => {
    const started = await startTwoFactorEnrolment(await signedInOperator());
    revalidatePath('/account/security');
    return started;
  });
}

export async function confirmTwoFactorAction(code: unknown): Promise<ActionResult<{ recoveryCodes: string[] }>> {
  return runAction(async () => {
    const operatorId = await signedInOperator();
    return confirmTwoFactorEnrolment(operatorId, TotpCode.parse(code));
  });
}

export async function disableTwoFactorAction(code: unknown): Promise<ActionResult<{ off: true }>> {
  return runAction(async () => {
    const operatorId = await signedInOperator();
    await disableTwoFactor(operatorId, SecondFactorCode.parse(code));
    revalidatePath('/account/security');
    return { off: true as const };
  });
}

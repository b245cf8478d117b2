// The second step of a console sign-in (and of turning two-factor off): a TOTP code or one
// recovery code. A TOTP code is good once: the step it matched is recorded with a conditional
// update, and a code of that step or an older one is refused, however many requests race.
// A recovery code is removed as it is used, in one statement, so it too works only once.
import { db } from '../db';
import { decryptTotpSecret } from './two-factor-cipher';
import { sha256Hex } from './secrets';
import { matchTotpStep } from './totp';

export type SecondFactorResult = 'totp' | 'recovery' | null;

export function recoveryCodeDigest(code: string): string {
  return sha256Hex(code.replace(/[\s-]/g, '').toLowerCase());
}

/** Accepts the current TOTP secret's code (not replayed) or an unused recovery code. */
export async function verifySecondFactor(
  operatorId: string,
  code: string,
  now = Date.now(),
): Promise<SecondFactorResult> {
  const operator = await db.operator.findUnique({
    where: { id: operatorId },
    select: { totpSecret: true, totpEnabledAt: true },
  });
  if (!operator?.totpSecret || !operator.totpEnabledAt) return null;
  const normalized = code.replace(/\s+/g, '');
  if (/^\d{6}$/.test(normalized)) {
    const step = matchTotpStep(decryptTotpSecret(operator.totpSecret), normalized, now);
    if (step === null) return null;
    const accepted = await db.operator.updateMany({
      where: { id: operatorId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    return accepted.count === 1 ? 'totp' : null;
  }
  const removed = await db.$executeRaw`
    UPDATE "Operator" SET "totpRecoveryHashes" = array_remove("totpRecoveryHashes", ${recoveryCodeDigest(normalized)})
    WHERE id = ${operatorId}::uuid AND ${recoveryCodeDigest(normalized)} = ANY("totpRecoveryHashes")`;
  return removed === 1 ? 'recovery' : null;
}

/** Whether the operator must give a second factor to sign in. */
export async function hasTwoFactor(operatorId: string): Promise<boolean> {
  const found = await db.operator.findUnique({ where: { id: operatorId }, select: { totpEnabledAt: true } });
  return Boolean(found?.totpEnabledAt);
}

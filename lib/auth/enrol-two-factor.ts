// Two-factor sign-in for one operator, from their own security page: a new secret is kept
// (encrypted) but off until a code from it is confirmed, which proves the app holds it; then ten
// single-use recovery codes are shown once, stored as sha256 only. Turning it off needs a code.
import { randomBytes } from 'node:crypto';
import { db } from '../db';
import { AppError } from '../errors';
import { decryptTotpSecret, encryptTotpSecret } from './two-factor-cipher';
import { base32Encode, matchTotpStep, newTotpSecret, otpauthUri } from './totp';
import { recoveryCodeDigest, verifySecondFactor } from './verify-second-factor';

export const RECOVERY_CODE_COUNT = 10;
const ISSUER = 'Lottery Console';

export type TwoFactorStatus = {
  email: string;
  enabled: boolean;
  enabledAt: string | null;
  recoveryCodesLeft: number;
  /** While enrolling: what the authenticator app needs. */
  pending: { uri: string; secret: string } | null;
};

export async function getTwoFactorStatus(operatorId: string): Promise<TwoFactorStatus> {
  const operator = await db.operator.findUnique({
    where: { id: operatorId },
    select: { email: true, totpSecret: true, totpEnabledAt: true, totpRecoveryHashes: true },
  });
  if (!operator) throw new AppError('UNAUTHORIZED', 'sign in first');
  const pendingSecret = !operator.totpEnabledAt && operator.totpSecret ? decryptTotpSecret(operator.totpSecret) : null;
  return {
    email: operator.email,
    enabled: Boolean(operator.totpEnabledAt),
    enabledAt: operator.totpEnabledAt?.toISOString() ?? null,
    recoveryCodesLeft: operator.totpEnabledAt ? operator.totpRecoveryHashes.length : 0,
    pending: pendingSecret
      ? {
          uri: otpauthUri({ secret: pendingSecret, account: operator.email, issuer: ISSUER }),
          secret: base32Encode(pendingSecret),
        }
      : null,
  };
}

/** A new secret, off until confirmed; starting again replaces an unconfirmed one. */
export async function startTwoFactorEnrolment(operatorId: string): Promise<{ uri: string; secret: string }> {
  const secret = newTotpSecret();
  const updated = await db.operator.updateMany({
    where: { id: operatorId, totpEnabledAt: null },
    data: { totpSecret: encryptTotpSecret(secret), totpLastStep: null, totpRecoveryHashes: [] },
  });
  if (updated.count !== 1) throw new AppError('CONFLICT', 'two-factor sign-in is already on');
  const { email } = await db.operator.findUniqueOrThrow({ where: { id: operatorId }, select: { email: true } });
  return { uri: otpauthUri({ secret, account: email, issuer: ISSUER }), secret: base32Encode(secret) };
}

function wrongCode(message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, {
    issues: [{ path: 'code', message: 'that code does not match' }],
  });
}

function newRecoveryCode(): string {
  const text = base32Encode(randomBytes(7)).slice(0, 10).toLowerCase();
  return `${text.slice(0, 5)}-${text.slice(5)}`;
}

/** Turns two-factor on when the code matches the pending secret; the recovery codes, shown once. */
export async function confirmTwoFactorEnrolment(
  operatorId: string,
  code: string,
  now = Date.now(),
): Promise<{ recoveryCodes: string[] }> {
  const operator = await db.operator.findUnique({
    where: { id: operatorId },
    select: { totpSecret: true, totpEnabledAt: true },
  });
  if (!operator) throw new AppError('UNAUTHORIZED', 'sign in first');
  if (operator.totpEnabledAt) throw new AppError('CONFLICT', 'two-factor sign-in is already on');
  if (!operator.totpSecret) throw new AppError('INVALID_STATE', 'start setting up two-factor sign-in first');
  const step = matchTotpStep(decryptTotpSecret(operator.totpSecret), code, now);
  if (step === null) throw wrongCode('code: that code does not match; check the app and the time on your phone');
  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const enabled = await db.operator.updateMany({
    // The secret the code was checked against, still unconfirmed.
    where: { id: operatorId, totpEnabledAt: null, totpSecret: operator.totpSecret },
    data: {
      totpEnabledAt: new Date(now),
      totpLastStep: step,
      totpRecoveryHashes: recoveryCodes.map(recoveryCodeDigest),
    },
  });
  if (enabled.count !== 1) throw new AppError('CONFLICT', 'the setup changed meanwhile: start again');
  return { recoveryCodes };
}

/** Off, with a current code or a recovery code. */
export async function disableTwoFactor(operatorId: string, code: string, now = Date.now()): Promise<void> {
  if (!(await verifySecondFactor(operatorId, code, now))) throw wrongCode('code: that code does not match');
  await db.operator.update({
    where: { id: operatorId },
    data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null, totpRecoveryHashes: [] },
  });
}

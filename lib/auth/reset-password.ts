// The reset page: a link's token is looked up by its sha256 and works once, before it expires,
// unless a newer link voided it. Setting the new password voids every other open link and bumps
// the operator's session epoch, which signs out every session signed before
// (lib/auth/next-auth-options.ts). Two-factor sign-in, when on, stays on.
import { db } from '../db';
import { AppError } from '../errors';
import { hashPassword } from './password';
import { clearAccountSignInFailures } from './sign-in-throttle';
import { sha256Hex } from './secrets';

export type PasswordResetLinkDto = { email: string; expiresAt: string };

function openLinkWhere(token: string, now: number) {
  return { tokenHash: sha256Hex(token), usedAt: null, voidedAt: null, expiresAt: { gt: new Date(now) } };
}

/** The link's account while the link works; null when it is unknown, used, voided or expired. */
export async function getPasswordResetLink(token: string, now = Date.now()): Promise<PasswordResetLinkDto | null> {
  const found = await db.passwordReset.findFirst({
    where: openLinkWhere(token, now),
    select: { expiresAt: true, operator: { select: { email: true } } },
  });
  return found ? { email: found.operator.email, expiresAt: found.expiresAt.toISOString() } : null;
}

export async function resetPassword(
  input: { token: string; password: string },
  now = Date.now(),
): Promise<{ email: string }> {
  const link = await db.passwordReset.findFirst({
    where: openLinkWhere(input.token, now),
    select: { id: true, operatorId: true },
  });
  if (!link) throw new AppError('NOT_FOUND', 'this reset link is not valid any more: ask for a new one');
  const passwordHash = await hashPassword(input.password);
  const email = await db.$transaction(async (tx) => {
    // Claimed by a conditional update, so two submissions of one link cannot both set a password.
    const claimed = await tx.passwordReset.updateMany({
      where: { id: link.id, usedAt: null, voidedAt: null, expiresAt: { gt: new Date(now) } },
      data: { usedAt: new Date(now) },
    });
    if (claimed.count !== 1) return null;
    await tx.passwordReset.updateMany({
      where: { operatorId: link.operatorId, usedAt: null, voidedAt: null },
      data: { voidedAt: new Date(now) },
    });
    const operator = await tx.operator.update({
      where: { id: link.operatorId },
      data: { passwordHash, sessionEpoch: { increment: 1 } },
      select: { email: true },
    });
    return operator.email;
  });
  if (!email) throw new AppError('NOT_FOUND', 'this reset link is not valid any more: ask for a new one');
  await clearAccountSignInFailures(email);
  return { email };
}

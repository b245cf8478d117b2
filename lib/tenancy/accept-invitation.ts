// The public set-password page of an invitation. The link's token is looked up by its sha256;
// it must be unused and unexpired, and it is spent in the same transaction that creates the
// membership, so two submissions of one link cannot both succeed.
// Someone who already has a console account proves it with their current password instead of
// setting a new one: an owner's link must never reset another tenant's operator's password.
import { db } from '../db';
import { AppError } from '../errors';
import { writeAuditLog } from '../audit/write-audit-log';
import { hashPassword, verifyPassword } from '../auth/password';
import { sha256Hex } from '../auth/secrets';
import type { Role } from '../auth/console-guard';
import type { AcceptInvitation } from './member-schemas';

export type InvitationView = { tenantName: string; email: string; role: Role; expiresAt: string; hasAccount: boolean };

const gone = () =>
  new AppError('NOT_FOUND', 'this invitation link is invalid, used or expired; ask an owner for a new one');

async function findUsable(token: string, now: number) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const inv = await db.invitation.findUnique({
    where: { tokenHash: sha256Hex(token) },
    select: {
      id: true,
      tenantId: true,
      email: true,
      role: true,
      expiresAt: true,
      acceptedAt: true,
      tenant: { select: { name: true, slug: true } },
    },
  });
  if (!inv || inv.acceptedAt || inv.expiresAt.getTime() <= now) return null;
  return inv;
}

/** What the page shows before the form is sent; null when the link cannot be used. */
export async function getInvitation(token: string, now = Date.now()): Promise<InvitationView | null> {
  const inv = await findUsable(token, now);
  if (!inv) return null;
  const existing = await db.operator.findUnique({ where: { email: inv.email }, select: { id: true } });
  return {
    tenantName: inv.tenant.name,
    email: inv.email,
    role: inv.role,
    expiresAt: inv.expiresAt.toISOString(),
    hasAccount: existing !== null,
  };
}

export async function acceptInvitation(
  token: string,
  input: AcceptInvitation,
  now = Date.now(),
): Promise<{ email: string; tenantSlug: string; role: Role }> {
  const inv = await findUsable(token, now);
  if (!inv) throw gone();
  const existing = await db.operator.findUnique({
    where: { email: inv.email },
    select: { id: true, passwordHash: true },
  });
  if (existing && input.kind !== 'existing')
    throw new AppError('INVALID_STATE', 'you already have an account: sign in with your current password to join');
  if (!existing && input.kind !== 'new') throw new AppError('INVALID_STATE', 'choose a password for your new account');
  if (existing && !(await verifyPassword(input.password, existing.passwordHash)))
    throw new AppError('UNAUTHORIZED', 'wrong password for this account');
  const passwordHash = input.kind === 'new' ? await hashPassword(input.password) : null;

  return db.$transaction(async (tx) => {
    const spent = await tx.invitation.updateMany({
      where: { id: inv.id, acceptedAt: null, expiresAt: { gt: new Date(now) } },
      data: { acceptedAt: new Date(now) },
    });
    if (spent.count !== 1) throw gone();
    const operatorId = existing
      ? existing.id
      : (
          await tx.operator.create({
            data: {
              email: inv.email,
              name: input.kind === 'new' ? input.name : inv.email,
              passwordHash: passwordHash!,
            },
            select: { id: true },
          })
        ).id;
    const already = await tx.membership.findFirst({
      where: { tenantId: inv.tenantId, operatorId },
      select: { id: true },
    });
    if (already) throw new AppError('CONFLICT', 'you are already a member of this tenant');
    await tx.membership.create({ data: { tenantId: inv.tenantId, operatorId, role: inv.role } });
    await writeAuditLog(
      inv.tenantId,
      { type: 'OPERATOR', id: operatorId, role: inv.role },
      {
        action: 'member.join',
        objectType: 'Membership',
        objectId: operatorId,
        after: { email: inv.email, role: inv.role, invitationId: inv.id, newAccount: !existing },
      },
      tx,
    );
    return { email: inv.email, tenantSlug: inv.tenant.slug, role: inv.role };
  });
}

// An owner invites someone by email: a one-time set-password link, shown once to the inviter
// (no mail is sent; the inviter passes it on). Only the link's sha256 is stored; it expires,
// works once, and a newer invitation to the same address replaces the older one.
import { db } from '../db';
import { AppError } from '../errors';
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { randomSecret, sha256Hex } from '../auth/secrets';
import type { InviteMember } from './member-schemas';
import type { PendingInvitationDto } from './list-members';

export const INVITATION_TTL_HOURS = 72;

export async function inviteMember(
  tenantId: string,
  actor: Actor,
  input: InviteMember,
  now = Date.now(),
): Promise<{ token: string; invitation: PendingInvitationDto }> {
  const member = await db.membership.findFirst({
    where: { tenantId, operator: { email: input.email } },
    select: { id: true },
  });
  if (member) throw new AppError('CONFLICT', `${input.email} is already a member of this tenant`);
  const token = randomSecret(32);
  const invitation = await db.$transaction(async (tx) => {
    // Only the newest link for an address works.
    await tx.invitation.deleteMany({ where: { tenantId, email: input.email, acceptedAt: null } });
    const created = await tx.invitation.create({
      data: {
        tenantId,
        email: input.email,
        role: input.role,
        tokenHash: sha256Hex(token),
        invitedById: actor.type === 'OPERATOR' ? actor.id : null,
        expiresAt: new Date(now + INVITATION_TTL_HOURS * 3600_000),
      },
      select: { id: true, email: true, role: true, expiresAt: true, createdAt: true },
    });
    await writeAuditLog(
      tenantId,
      actor,
      {
        action: 'member.invite',
        objectType: 'Invitation',
        objectId: created.id,
        after: { email: created.email, role: created.role, expiresAt: created.expiresAt.toISOString() },
      },
      tx,
    );
    return created;
  });
  return {
    token,
    invitation: {
      id: invitation.id,
      email: invitation.email,
      role: invitation.role,
      expiresAt: invitation.expiresAt.toISOString(),
      createdAt: invitation.createdAt.toISOString(),
    },
  };
}

export async function revokeInvitation(tenantId: string, actor: Actor, invitationId: string): Promise<void> {
  const deleted = await db.$transaction(async (tx) => {
    const found = await tx.invitation.findFirst({
      where: { id: invitationId, tenantId, acceptedAt: null },
      select: { email: true, role: true },
    });
    if (!found) return null;
    await tx.invitation.delete({ where: { id: invitationId } });
    await writeAuditLog(
      tenantId,
      actor,
      { action: 'member.revokeInvitation', objectType: 'Invitation', objectId: invitationId, before: found },
      tx,
    );
    return found;
  });
  if (!deleted) throw new AppError('NOT_FOUND', `invitation ${invitationId} not found`);
}

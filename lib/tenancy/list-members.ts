// The tenant's members and its pending invitations, for the console's Settings page. An analyst
// reads the others' ids as stand-ins and their emails masked (lib/audit/operator-privacy.ts).
import { db } from '../db';
import type { Role } from '../auth/console-guard';
import { operatorRef, visibleEmail, type Viewer } from '../audit/operator-privacy';

export type MemberDto = { operatorId: string; name: string; email: string; role: Role; joinedAt: string };
export type PendingInvitationDto = { id: string; email: string; role: Role; expiresAt: string; createdAt: string };

export async function listMembers(tenantId: string, viewer?: Viewer): Promise<MemberDto[]> {
  const rows = await db.membership.findMany({
    where: { tenantId },
    select: { role: true, createdAt: true, operator: { select: { id: true, name: true, email: true } } },
    orderBy: [{ createdAt: 'asc' }],
  });
  return rows.map((m) => ({
    operatorId: operatorRef(viewer, m.operator.id),
    name: m.operator.name,
    email: visibleEmail(viewer, m.operator.email, m.operator.id),
    role: m.role,
    joinedAt: m.createdAt.toISOString(),
  }));
}

export async function listPendingInvitations(tenantId: string, now = Date.now()): Promise<PendingInvitationDto[]> {
  const rows = await db.invitation.findMany({
    where: { tenantId, acceptedAt: null, expiresAt: { gt: new Date(now) } },
    select: { id: true, email: true, role: true, expiresAt: true, createdAt: true },
    orderBy: { createdAt: 'desc' },
  });
  return rows.map((i) => ({
    id: i.id,
    email: i.email,
    role: i.role,
    expiresAt: i.expiresAt.toISOString(),
    createdAt: i.createdAt.toISOString(),
  }));
}

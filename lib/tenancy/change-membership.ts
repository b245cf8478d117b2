// Owners change a member's role or remove them. A tenant always keeps at least one OWNER: the
// tenant row is locked while the owners are counted, so two owners demoting each other at the
// same moment cannot both succeed.
import type { Prisma } from '@/generated/prisma/client';
import { db } from '../db';
import { AppError } from '../errors';
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { isUuid } from '../ids';
import type { Role } from '../auth/console-guard';

type Tx = Prisma.TransactionClient;

async function lockedMembership(tx: Tx, tenantId: string, operatorId: string) {
  await tx.$queryRaw`SELECT id FROM "Tenant" WHERE id = ${tenantId}::uuid FOR UPDATE`;
  const m = isUuid(operatorId)
    ? await tx.membership.findFirst({
        where: { tenantId, operatorId },
        select: { id: true, role: true, operator: { select: { email: true } } },
      })
    : null;
  if (!m) throw new AppError('NOT_FOUND', `member ${operatorId} not found`);
  return m;
}

async function assertAnotherOwner(tx: Tx, tenantId: string, operatorId: string, what: string) {
  const others = await tx.membership.count({ where: { tenantId, role: 'OWNER', operatorId: { not: operatorId } } });
  if (others === 0)
    throw new AppError('INVALID_STATE', `${what}: a tenant needs at least one owner; make someone else an owner first`);
}

export async function changeMemberRole(
  tenantId: string,
  actor: Actor,
  operatorId: string,
  role: Role,
): Promise<{ operatorId: string; role: Role }> {
  return db.$transaction(async (tx) => {
    const m = await lockedMembership(tx, tenantId, operatorId);
    if (m.role === role) return { operatorId, role };
    if (m.role === 'OWNER') await assertAnotherOwner(tx, tenantId, operatorId, "cannot change the last owner's role");
    await tx.membership.update({ where: { id: m.id }, data: { role } });
    await writeAuditLog(
      tenantId,
      actor,
      {
        action: 'member.changeRole',
        objectType: 'Membership',
        objectId: operatorId,
        before: { email: m.operator.email, role: m.role },
        after: { email: m.operator.email, role },
      },
      tx,
    );
    return { operatorId, role };
  });
}

export async function removeMember(tenantId: string, actor: Actor, operatorId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const m = await lockedMembership(tx, tenantId, operatorId);
    if (m.role === 'OWNER') await assertAnotherOwner(tx, tenantId, operatorId, 'cannot remove the last owner');
    await tx.membership.delete({ where: { id: m.id } });
    await writeAuditLog(
      tenantId,
      actor,
      {
        action: 'member.remove',
        objectType: 'Membership',
        objectId: operatorId,
        before: { email: m.operator.email, role: m.role },
      },
      tx,
    );
  });
}

// The tenant's "require two-factor for owners" setting. Only an owner changes it, and only one
// who has two-factor on: an owner turning it on without would be sent away from the console at
// once. Audited. While it is on, the console guard sends an owner without two-factor to their
// security page (lib/auth/console-guard.ts).
import { db } from '../db';
import { AppError } from '../errors';
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { hasTwoFactor } from './verify-second-factor';

export async function setRequireOwnerTwoFactor(
  tenantId: string,
  actor: Actor,
  required: boolean,
): Promise<{ required: boolean }> {
  if (required && actor.type === 'OPERATOR' && !(await hasTwoFactor(actor.id)))
    throw new AppError('INVALID_STATE', 'turn on two-factor sign-in for yourself first (Account → Security)');
  return db.$transaction(async (tx) => {
    const before = await tx.tenant.findUniqueOrThrow({
      where: { id: tenantId },
      select: { requireOwnerTwoFactor: true },
    });
    if (before.requireOwnerTwoFactor === required) return { required };
    await tx.tenant.update({ where: { id: tenantId }, data: { requireOwnerTwoFactor: required } });
    await writeAuditLog(
      tenantId,
      actor,
      {
        action: 'tenant.requireOwnerTwoFactor',
        objectType: 'Tenant',
        objectId: tenantId,
        before: { requireOwnerTwoFactor: before.requireOwnerTwoFactor },
        after: { requireOwnerTwoFactor: required },
      },
      tx,
    );
    return { required };
  });
}

export async function getRequireOwnerTwoFactor(tenantId: string): Promise<boolean> {
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { requireOwnerTwoFactor: true } });
  return tenant?.requireOwnerTwoFactor ?? false;
}

// An owner sets which host app origins may frame the play page and post it user tokens. The
// page and its Content-Security-Policy follow within its cache time (a few seconds).
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { db } from '../db';
import type { HostAppOrigins } from './host-app-origin-schemas';

export async function updateHostAppOrigins(
  tenantId: string,
  actor: Actor,
  input: HostAppOrigins,
): Promise<{ origins: string[] }> {
  return db.$transaction(async (tx) => {
    const before = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { hostAppOrigins: true } });
    if (before.hostAppOrigins.join('\n') === input.origins.join('\n')) return { origins: before.hostAppOrigins };
    await tx.tenant.update({ where: { id: tenantId }, data: { hostAppOrigins: input.origins } });
    await writeAuditLog(
      tenantId,
      actor,
      {
        action: 'tenant.hostAppOrigins',
        objectType: 'Tenant',
        objectId: tenantId,
        before: { origins: before.hostAppOrigins },
        after: { origins: input.origins },
      },
      tx,
    );
    return { origins: input.origins };
  });
}

// An owner sets the zone the console shows the tenant's times in. Activities keep their own zone
// (their "today" and time segments); this is how the console reads everything else.
import { storableTimeZoneOrThrow } from '../activities/storable-time-zone';
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { db } from '../db';
import { AppError } from '../errors';

export async function updateTenantTimezone(
  tenantId: string,
  actor: Actor,
  given: unknown,
): Promise<{ timezone: string }> {
  if (typeof given !== 'string' || given.length > 64)
    throw new AppError('VALIDATION_FAILED', 'timezone: an IANA name such as Asia/Shanghai', {
      issues: [{ path: 'timezone', message: 'an IANA name such as Asia/Shanghai' }],
    });
  const timezone = await storableTimeZoneOrThrow(given);
  return db.$transaction(async (tx) => {
    const before = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { timezone: true } });
    if (before.timezone === timezone) return { timezone };
    await tx.tenant.update({ where: { id: tenantId }, data: { timezone } });
    await writeAuditLog(
      tenantId,
      actor,
      {
        action: 'tenant.timezone',
        objectType: 'Tenant',
        objectId: tenantId,
        before: { timezone: before.timezone },
        after: { timezone },
      },
      tx,
    );
    return { timezone };
  });
}

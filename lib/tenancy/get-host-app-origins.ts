import { db } from '../db';

/** The tenant's host app origins (lib/tenancy/host-app-origin-schemas.ts), for the console's Settings. */
export async function getHostAppOrigins(tenantId: string): Promise<string[]> {
  const t = await db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { hostAppOrigins: true } });
  return t.hostAppOrigins;
}

import { db } from '../db';
import { randomSecret } from '../auth/secrets';
import { forgetTenantSecrets } from '../auth/find-tenant-secrets';

export type TenantDto = { id: string; slug: string; name: string };

/** Creates the tenant with fresh secrets when it does not exist; returns it either way. */
export async function ensureTenant(slug: string, name = slug): Promise<TenantDto> {
  const tenant = await db.tenant.upsert({
    where: { slug },
    update: {},
    create: { slug, name, userTokenSecret: randomSecret(), webhookSecret: randomSecret() },
    select: { id: true, slug: true, name: true },
  });
  forgetTenantSecrets(slug);
  return tenant;
}

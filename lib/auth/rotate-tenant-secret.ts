// Rotating a tenant's user-token or webhook secret. The new secret is returned once (the
// console shows it to the owner); the audit log keeps only short fingerprints. Tokens signed
// with the old user-token secret stop verifying as soon as the cache forgets it (at once in
// this process, within find-tenant-secrets' few seconds in others).
import { db } from '../db';
import { AppError } from '../errors';
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { forgetTenantSecrets } from './find-tenant-secrets';
import { randomSecret, sha256Hex } from './secrets';

export const tenantSecretKinds = ['userToken', 'webhook'] as const;
export type TenantSecretKind = (typeof tenantSecretKinds)[number];

const column = { userToken: 'userTokenSecret', webhook: 'webhookSecret' } as const;

/** Enough to tell two secrets apart in a log, not enough to help guess one. */
export const secretFingerprint = (secret: string) => sha256Hex(secret).slice(0, 8);

export async function rotateTenantSecret(
  tenantId: string,
  actor: Actor,
  kind: TenantSecretKind,
): Promise<{ secret: string; fingerprint: string }> {
  const secret = randomSecret(32);
  const slug = await db.$transaction(async (tx) => {
    const before = await tx.tenant.findUnique({
      where: { id: tenantId },
      select: { slug: true, userTokenSecret: true, webhookSecret: true },
    });
    if (!before) throw new AppError('NOT_FOUND', `tenant ${tenantId} not found`);
    await tx.tenant.update({ where: { id: tenantId }, data: { [column[kind]]: secret } });
    await writeAuditLog(
      tenantId,
      actor,
      {
        action: `tenant.rotate${kind === 'userToken' ? 'UserToken' : 'Webhook'}Secret`,
        objectType: 'Tenant',
        objectId: tenantId,
        before: { fingerprint: secretFingerprint(before[column[kind]]) },
        after: { fingerprint: secretFingerprint(secret) },
      },
      tx,
    );
    return before.slug;
  });
  forgetTenantSecrets(slug);
  return { secret, fingerprint: secretFingerprint(secret) };
}

export async function getTenantSecretFingerprints(tenantId: string): Promise<Record<TenantSecretKind, string>> {
  const t = await db.tenant.findUniqueOrThrow({
    where: { id: tenantId },
    select: { userTokenSecret: true, webhookSecret: true },
  });
  return { userToken: secretFingerprint(t.userTokenSecret), webhook: secretFingerprint(t.webhookSecret) };
}

// The tenant's webhook endpoints, for the management API and the console's Settings. The secret
// is shown once: in the answer that creates the endpoint or rotates its secret, never when read.
// Every change is audited, with secret fingerprints only.
import type { Prisma } from '@/generated/prisma/client';
import { randomSecret } from '../auth/secrets';
import { secretFingerprint } from '../auth/rotate-tenant-secret';
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { db } from '../db';
import { AppError } from '../errors';
import { literalHostRefused } from './safe-address';
import type { CreateWebhookEndpoint, PatchWebhookEndpoint } from './schemas';

/** At most this many endpoints per tenant: each event is one delivery per endpoint. */
export const MAX_ENDPOINTS_PER_TENANT = 20;

const endpointSelect = {
  id: true,
  url: true,
  events: true,
  enabled: true,
  fulfilment: true,
  failingSince: true,
  disabledReason: true,
  secret: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.WebhookEndpointSelect;
type EndpointRow = Prisma.WebhookEndpointGetPayload<{ select: typeof endpointSelect }>;

export type WebhookEndpointDto = {
  id: string;
  url: string;
  events: string[];
  enabled: boolean;
  fulfilment: boolean;
  failingSince: string | null;
  disabledReason: string | null;
  /** Tells two secrets apart; the secret itself is only in the create and rotate answers. */
  secretFingerprint: string;
  createdAt: string;
  updatedAt: string;
};

function toDto(e: EndpointRow): WebhookEndpointDto {
  return {
    id: e.id,
    url: e.url,
    events: e.events,
    enabled: e.enabled,
    fulfilment: e.fulfilment,
    failingSince: e.failingSince?.toISOString() ?? null,
    disabledReason: e.disabledReason,
    secretFingerprint: secretFingerprint(e.secret),
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

/** What the audit log keeps: the DTO, which holds the secret's fingerprint only. */
const auditView = (e: EndpointRow) => toDto(e);

function refusePrivateLiteral(url: string) {
  if (literalHostRefused(new URL(url)))
    throw new AppError('VALIDATION_FAILED', 'url: private and loopback addresses are not allowed', {
      issues: [{ path: 'url', message: 'private and loopback addresses are not allowed' }],
    });
}

export async function createWebhookEndpoint(
  tenantId: string,
  actor: Actor,
  input: CreateWebhookEndpoint,
): Promise<WebhookEndpointDto & { secret: string }> {
  refusePrivateLiteral(input.url);
  const secret = randomSecret(32);
  const row = await db.$transaction(async (tx) => {
    const count = await tx.webhookEndpoint.count({ where: { tenantId } });
    if (count >= MAX_ENDPOINTS_PER_TENANT)
      throw new AppError('CONFLICT', `at most ${MAX_ENDPOINTS_PER_TENANT} webhook endpoints per tenant`);
    const created = await tx.webhookEndpoint.create({
      data: {
        tenantId,
        url: input.url,
        events: input.events,
        secret,
        enabled: input.enabled ?? true,
        fulfilment: input.fulfilment ?? false,
      },
      select: endpointSelect,
    });
    await writeAuditLog(
      tenantId,
      actor,
      {
        action: 'webhookEndpoint.create',
        objectType: 'WebhookEndpoint',
        objectId: created.id,
        after: auditView(created),
      },
      tx,
    );
    return created;
  });
  return { ...toDto(row), secret };
}

export async function listWebhookEndpoints(tenantId: string): Promise<WebhookEndpointDto[]> {
  const rows = await db.webhookEndpoint.findMany({
    where: { tenantId },
    select: endpointSelect,
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return rows.map(toDto);
}

export async function getWebhookEndpointOrThrow(tenantId: string, id: string): Promise<WebhookEndpointDto> {
  return toDto(await findOrThrow(db, tenantId, id));
}

async function findOrThrow(tx: Pick<Prisma.TransactionClient, 'webhookEndpoint'>, tenantId: string, id: string) {
  const row = await tx.webhookEndpoint.findFirst({ where: { id, tenantId }, select: endpointSelect });
  if (!row) throw new AppError('NOT_FOUND', `webhook endpoint ${id} not found`);
  return row;
}

export async function updateWebhookEndpoint(
  tenantId: string,
  actor: Actor,
  id: string,
  patch: PatchWebhookEndpoint,
): Promise<WebhookEndpointDto> {
  if (patch.url !== undefined) refusePrivateLiteral(patch.url);
  const row = await db.$transaction(async (tx) => {
    const before = await findOrThrow(tx, tenantId, id);
    const after = await tx.webhookEndpoint.update({
      where: { id },
      data: {
        ...patch,
        // Enabled again by hand: its failures start counting afresh.
        ...(patch.enabled === true ? { failingSince: null, disabledReason: null } : {}),
      },
      select: endpointSelect,
    });
    await writeAuditLog(
      tenantId,
      actor,
      {
        action: 'webhookEndpoint.update',
        objectType: 'WebhookEndpoint',
        objectId: id,
        before: auditView(before),
        after: auditView(after),
      },
      tx,
    );
    return after;
  });
  return toDto(row);
}

export async function deleteWebhookEndpoint(tenantId: string, actor: Actor, id: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await findOrThrow(tx, tenantId, id);
    await tx.webhookEndpoint.delete({ where: { id } });
    await writeAuditLog(
      tenantId,
      actor,
      { action: 'webhookEndpoint.delete', objectType: 'WebhookEndpoint', objectId: id, before: auditView(before) },
      tx,
    );
  });
}

export async function rotateWebhookEndpointSecret(
  tenantId: string,
  actor: Actor,
  id: string,
): Promise<WebhookEndpointDto & { secret: string }> {
  const secret = randomSecret(32);
  const row = await db.$transaction(async (tx) => {
    const before = await findOrThrow(tx, tenantId, id);
    const after = await tx.webhookEndpoint.update({ where: { id }, data: { secret }, select: endpointSelect });
    await writeAuditLog(
      tenantId,
      actor,
      {
        action: 'webhookEndpoint.rotateSecret',
        objectType: 'WebhookEndpoint',
        objectId: id,
        before: { fingerprint: secretFingerprint(before.secret) },
        after: { fingerprint: secretFingerprint(secret) },
      },
      tx,
    );
    return after;
  });
  return { ...toDto(row), secret };
}

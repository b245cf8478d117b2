'use server';

// Console server actions of Settings: API keys, members and invitations, the tenant's secrets,
// the host app's origins, the outbound webhook endpoints and their deliveries.
// All need the OWNER role, checked here on the server (the page hides the controls from other
// roles, but that is not a security boundary).
import { revalidatePath } from 'next/cache';
import { updateTenantTimezone } from '@/lib/tenancy/update-tenant-timezone';
import { z } from 'zod';
import { createApiKey, revokeApiKey } from '@/lib/auth/api-keys';
import type { Role } from '@/lib/auth/console-guard';
import { rotateTenantSecret, tenantSecretKinds } from '@/lib/auth/rotate-tenant-secret';
import { issuePasswordReset } from '@/lib/auth/request-password-reset';
import { setRequireOwnerTwoFactor } from '@/lib/auth/require-owner-two-factor';
import { RequireOwnerTwoFactor } from '@/lib/auth/two-factor-schemas';
import { config } from '@/lib/config';
import { changeMemberRole, removeMember } from '@/lib/tenancy/change-membership';
import { HostAppOrigins } from '@/lib/tenancy/host-app-origin-schemas';
import { updateHostAppOrigins } from '@/lib/tenancy/update-host-app-origins';
import { inviteMember, revokeInvitation } from '@/lib/tenancy/invite-member';
import type { PendingInvitationDto } from '@/lib/tenancy/list-members';
import { ChangeMemberRole, InviteMember } from '@/lib/tenancy/member-schemas';
import { CreateApiKey, RevokeApiKey } from '@/lib/auth/api-key-schemas';
import type { ActionResult } from '@/lib/http/action-result';
import { idOrNotFound } from '@/lib/ids';
import { toApiKeyRow, type ApiKeyRow } from '@/components/console/api-keys/api-key-row';
import { createWebhookEndpoint, updateWebhookEndpoint, type WebhookEndpointDto } from '@/lib/webhooks/manage-endpoints';
import { retryWebhookDelivery, type WebhookDeliveryDto } from '@/lib/webhooks/manage-deliveries';
import { CreateWebhookEndpoint, PatchWebhookEndpoint } from '@/lib/webhooks/schemas';
import { consoleAction } from '../../../_server/session';

export async function createApiKeyAction(
  tenantSlug: string,
  name: string,
  scopes?: unknown,
): Promise<ActionResult<{ key: string; apiKey: ApiKeyRow }>> {
  return consoleAction(tenantSlug, 'OWNER', async (ctx) => {
    const input = CreateApiKey.parse({ name, ...(scopes === undefined ? {} : { scopes }) });
    const { key, apiKey } = await createApiKey(ctx.tenantId, ctx.actor, input.name, { scopes: input.scopes });
    revalidatePath(`/t/${ctx.tenantSlug}/settings`);
    return { key, apiKey: toApiKeyRow(apiKey) };
  });
}

export async function revokeApiKeyAction(
  tenantSlug: string,
  apiKeyId: string,
): Promise<ActionResult<{ apiKey: ApiKeyRow }>> {
  return consoleAction(tenantSlug, 'OWNER', async (ctx) => {
    const input = RevokeApiKey.parse({ apiKeyId });
    const apiKey = await revokeApiKey(ctx.tenantId, ctx.actor, input.apiKeyId);
    revalidatePath(`/t/${ctx.tenantSlug}/settings`);
    return { apiKey: toApiKeyRow(apiKey) };
  });
}

export async function inviteMemberAction(
  tenantSlug: string,
  email: string,
  role: string,
): Promise<ActionResult<{ link: string; invitation: PendingInvitationDto }>> {
  return consoleAction(tenantSlug, 'OWNER', async (ctx) => {
    const { token, invitation } = await inviteMember(ctx.tenantId, ctx.actor, InviteMember.parse({ email, role }));
    revalidatePath(`/t/${ctx.tenantSlug}/settings`);
    return { link: `${config().publicUrl}/invite/${token}`, invitation };
  });
}

export async function revokeInvitationAction(
  tenantSlug: string,
  invitationId: string,
): Promise<ActionResult<{ id: string }>> {
  return consoleAction(tenantSlug, 'OWNER', async (ctx) => {
    const id = idOrNotFound(invitationId, 'invitation');
    await revokeInvitation(ctx.tenantId, ctx.actor, id);
    revalidatePath(`/t/${ctx.tenantSlug}/settings`);
    return { id };
  });
}

export async function changeMemberRoleAction(
  tenantSlug: string,
  operatorId: string,
  role: string,
): Promise<ActionResult<{ operatorId: string; role: Role }>> {
  return consoleAction(tenantSlug, 'OWNER', async (ctx) => {
    const input = ChangeMemberRole.parse({ operatorId, role });
    const changed = await changeMemberRole(ctx.tenantId, ctx.actor, input.operatorId, input.role);
    revalidatePath(`/t/${ctx.tenantSlug}`, 'layout');
    return changed;
  });
}

export async function removeMemberAction(
  tenantSlug: string,
  operatorId: string,
): Promise<ActionResult<{ operatorId: string }>> {
  return consoleAction(tenantSlug, 'OWNER', async (ctx) => {
    const id = ChangeMemberRole.shape.operatorId.parse(operatorId);
    await removeMember(ctx.tenantId, ctx.actor, id);
    revalidatePath(`/t/${ctx.tenantSlug}`, 'layout');
    return { operatorId: id };
  });
}

export async function rotateSecretAction(
  tenantSlug: string,
  kind: string,
): Promise<ActionResult<{ secret: string; fingerprint: string }>> {
  return consoleAction(tenantSlug, 'OWNER', async (ctx) => {
    const rotated = await rotateTenantSecret(ctx.tenantId, ctx.actor, z.enum(tenantSecretKinds).parse(kind));
    revalidatePath(`/t/${ctx.tenantSlug}/settings`);
    return rotated;
  });
}

export async function updateHostAppOriginsAction(
  tenantSlug: string,
  origins: string[],
): Promise<ActionResult<{ origins: string[] }>> {
  return consoleAction(tenantSlug, 'OWNER', async (ctx) => {
    const updated = await updateHostAppOrigins(ctx.tenantId, ctx.actor, HostAppOrigins.parse({ origins }));
    revalidatePath(`/t/${ctx.tenantSlug}/settings`);
    return updated;
  });
}

export async function createWebhookEndpointAction(
  tenantSlug: string,
  input: { url: string; events: string[]; fulfilment: boolean },
): Promise<ActionResult<{ endpoint: WebhookEndpointDto; secret: string }>> {
  return consoleAction(tenantSlug, 'OWNER', async (ctx) => {
    const { secret, ...endpoint } = await createWebhookEndpoint(
      ctx.tenantId,
      ctx.actor,
      CreateWebhookEndpoint.parse(input),
    );
    revalidatePath(`/t/${ctx.tenantSlug}/settings`);
    return { endpoint, secret };
  });
}

export async function setWebhookEndpointEnabledAction(
  tenantSlug: string,
  endpointId: string,
  enabled: boolean,
): Promise<ActionResult<{ endpoint: WebhookEndpointDto }>> {
  return consoleAction(tenantSlug, 'OWNER', async (ctx) => {
    const id = idOrNotFound(endpointId, 'webhook endpoint');
    const patch = PatchWebhookEndpoint.parse({ enabled });
    const endpoint = await updateWebhookEndpoint(ctx.tenantId, ctx.actor, id, patch);
    revalidatePath(`/t/${ctx.tenantSlug}/settings`);
    return { endpoint };
  });
}

export async function resendWebhookDeliveryAction(
  tenantSlug: string,
  endpointId: string,
  deliveryId: string,
): Promise<ActionResult<{ delivery: WebhookDeliveryDto }>> {
  return consoleAction(tenantSlug, 'OWNER', async (ctx) => {
    const delivery = await retryWebhookDelivery(ctx.tenantId, ctx.actor, {
      endpointId: idOrNotFound(endpointId, 'webhook endpoint'),
      deliveryId: idOrNotFound(deliveryId, 'delivery'),
    });
    revalidatePath(`/t/${ctx.tenantSlug}/settings`);
    return { delivery };
  });
}

export async function updateTimezoneAction(
  tenantSlug: string,
  timezone: string,
): Promise<ActionResult<{ timezone: string }>> {
  return consoleAction(tenantSlug, 'OWNER', async (ctx) => {
    const updated = await updateTenantTimezone(ctx.tenantId, ctx.actor, timezone);
    // Every console page shows times in it.
    revalidatePath(`/t/${ctx.tenantSlug}`, 'layout');
    return updated;
  });
}

export async function issuePasswordResetAction(
  tenantSlug: string,
  operatorId: string,
): Promise<ActionResult<{ email: string; expiresAt: string }>> {
  return consoleAction(tenantSlug, 'OWNER', async (ctx) =>
    issuePasswordReset(ctx.tenantId, ctx.actor, idOrNotFound(operatorId, 'member')),
  );
}

export async function setRequireOwnerTwoFactorAction(
  tenantSlug: string,
  required: unknown,
): Promise<ActionResult<{ required: boolean }>> {
  return consoleAction(tenantSlug, 'OWNER', async (ctx) => {
    const result = await setRequireOwnerTwoFactor(
      ctx.tenantId,
      ctx.actor,
      RequireOwnerTwoFactor.parse({ required }).required,
    );
    revalidatePath(`/t/${ctx.tenantSlug}/settings`);
    return result;
  });
}

'use server';

// Console server actions for API keys. Both need the OWNER role, checked here on the server
// (the page hides the controls from other roles, but that is not a security boundary).
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { createApiKey, revokeApiKey } from '@/lib/auth/api-keys';
import { CreateApiKey, RevokeApiKey } from '@/lib/auth/api-key-schemas';
import { runAction, type ActionResult } from '@/lib/http/action-result';
import { toApiKeyRow, type ApiKeyRow } from '@/components/console/api-keys/api-key-row';
import { requireConsoleAction } from '../../../_server/session';

const TenantSlug = z.string().max(200);

export async function createApiKeyAction(tenantSlug: string, name: string): Promise<ActionResult<{ key: string; apiKey: ApiKeyRow }>> {
  return runAction(async () => {
    const ctx = await requireConsoleAction(TenantSlug.parse(tenantSlug), 'OWNER');
    const input = CreateApiKey.parse({ name });
    const { key, apiKey } = await createApiKey(ctx.tenantId, ctx.actor, input.name);
    revalidatePath(`/t/${ctx.tenantSlug}/settings`);
    return { key, apiKey: toApiKeyRow(apiKey) };
  });
}

export async function revokeApiKeyAction(tenantSlug: string, apiKeyId: string): Promise<ActionResult<{ apiKey: ApiKeyRow }>> {
  return runAction(async () => {
    const ctx = await requireConsoleAction(TenantSlug.parse(tenantSlug), 'OWNER');
    const input = RevokeApiKey.parse({ apiKeyId });
    const apiKey = await revokeApiKey(ctx.tenantId, ctx.actor, input.apiKeyId);
    revalidatePath(`/t/${ctx.tenantSlug}/settings`);
    return { apiKey: toApiKeyRow(apiKey) };
  });
}

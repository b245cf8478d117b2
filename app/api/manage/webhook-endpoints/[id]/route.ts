// GET /api/manage/webhook-endpoints/{id} – one endpoint (no secret)
// PATCH – change url, events, enabled, fulfilment; DELETE – remove it with its delivery log
import { withApiKey } from '@/lib/http/handlers';
import { otherMethods } from '@/lib/http/other-methods';
import { readJson } from '@/lib/http/read-json';
import {
  deleteWebhookEndpoint,
  getWebhookEndpointOrThrow,
  updateWebhookEndpoint,
} from '@/lib/webhooks/manage-endpoints';
import { PatchWebhookEndpoint } from '@/lib/webhooks/schemas';

export const GET = withApiKey(async ({ params, tenantId }) =>
  Response.json(await getWebhookEndpointOrThrow(tenantId, params.id!)),
);

export const PATCH = withApiKey(async ({ req, params, tenantId, actor }) => {
  const patch = await readJson(req, PatchWebhookEndpoint);
  return Response.json(await updateWebhookEndpoint(tenantId, actor, params.id!, patch));
});

export const DELETE = withApiKey(async ({ params, tenantId, actor }) => {
  await deleteWebhookEndpoint(tenantId, actor, params.id!);
  return new Response(null, { status: 204 });
});

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, POST, PUT } = otherMethods({ GET, PATCH, DELETE });

// POST /api/manage/webhook-endpoints – add an endpoint (201, its secret shown only here); GET – list them
import { withApiKey } from '@/lib/http/handlers';
import { otherMethods } from '@/lib/http/other-methods';
import { readJson } from '@/lib/http/read-json';
import { createWebhookEndpoint, listWebhookEndpoints } from '@/lib/webhooks/manage-endpoints';
import { CreateWebhookEndpoint } from '@/lib/webhooks/schemas';

export const POST = withApiKey(async ({ req, tenantId, actor }) =>
  Response.json(await createWebhookEndpoint(tenantId, actor, await readJson(req, CreateWebhookEndpoint)), {
    status: 201,
  }),
);

export const GET = withApiKey(async ({ tenantId }) => Response.json(await listWebhookEndpoints(tenantId)));

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, PUT, PATCH, DELETE } = otherMethods({ GET, POST });

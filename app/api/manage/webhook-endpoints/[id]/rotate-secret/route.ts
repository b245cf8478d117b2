// POST /api/manage/webhook-endpoints/{id}/rotate-secret – a new signing secret, shown only here
import { withApiKey } from '@/lib/http/handlers';
import { otherMethods } from '@/lib/http/other-methods';
import { rotateWebhookEndpointSecret } from '@/lib/webhooks/manage-endpoints';

export const POST = withApiKey(async ({ params, tenantId, actor }) =>
  Response.json(await rotateWebhookEndpointSecret(tenantId, actor, params.id!)),
);

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, GET, PUT, PATCH, DELETE } = otherMethods({ POST });

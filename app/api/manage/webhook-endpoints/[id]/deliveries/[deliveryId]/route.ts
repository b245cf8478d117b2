// GET /api/manage/webhook-endpoints/{id}/deliveries/{deliveryId} – one delivery with every attempt made
import { withApiKey } from '@/lib/http/handlers';
import { otherMethods } from '@/lib/http/other-methods';
import { getWebhookDeliveryOrThrow } from '@/lib/webhooks/manage-deliveries';

export const GET = withApiKey(async ({ params, tenantId }) =>
  Response.json(await getWebhookDeliveryOrThrow(tenantId, { endpointId: params.id!, deliveryId: params.deliveryId! })),
);

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });

// POST /api/manage/webhook-endpoints/{id}/deliveries/{deliveryId}/retry – send one delivery again now
import { withApiKey } from '@/lib/http/handlers';
import { otherMethods } from '@/lib/http/other-methods';
import { retryWebhookDelivery } from '@/lib/webhooks/manage-deliveries';

export const POST = withApiKey(async ({ params, tenantId, actor }) =>
  Response.json(
    await retryWebhookDelivery(tenantId, actor, { endpointId: params.id!, deliveryId: params.deliveryId! }),
    { status: 202 },
  ),
);

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, GET, PUT, PATCH, DELETE } = otherMethods({ POST });

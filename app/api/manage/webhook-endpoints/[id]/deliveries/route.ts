// GET /api/manage/webhook-endpoints/{id}/deliveries – the delivery log, newest first, cursor paged
import { withApiKey } from '@/lib/http/handlers';
import { otherMethods } from '@/lib/http/other-methods';
import { searchParams } from '@/lib/http/search-params';
import { listWebhookDeliveries } from '@/lib/webhooks/manage-deliveries';
import { ListDeliveriesQuery } from '@/lib/webhooks/schemas';

export const GET = withApiKey(async ({ req, params, tenantId }) =>
  Response.json(await listWebhookDeliveries(tenantId, params.id!, ListDeliveriesQuery.parse(searchParams(req)))),
);

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });

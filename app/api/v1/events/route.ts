// POST /api/v1/events – signed behaviour events from the host app's server (one or a batch of ≤ 500)
import { EventDelivery } from '@/lib/events/schemas';
import { ingestEvents } from '@/lib/events/ingest-events';
import { verifyEventSignature } from '@/lib/events/verify-event-signature';
import { publicRoute } from '@/lib/http/handlers';
import { jsonResponse } from '@/lib/json-response';
import { parseJsonText, readBodyText, requireJsonContentType } from '@/lib/http/read-json';
import { otherMethods } from '@/lib/http/other-methods';

export const POST = publicRoute(async ({ req }) => {
  // The signature covers the raw bytes, so it is checked before the body is parsed.
  const raw = await readBodyText(req);
  const h = req.headers;
  const tenant = await verifyEventSignature(
    { tenant: h.get('x-tenant'), timestamp: h.get('x-timestamp'), signature: h.get('x-signature') },
    raw,
  );
  requireJsonContentType(req);
  return jsonResponse(await ingestEvents(tenant.tenantId, EventDelivery.parse(parseJsonText(raw))));
});

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, GET, PUT, PATCH, DELETE } = otherMethods({ POST });

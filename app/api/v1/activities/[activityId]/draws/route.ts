// POST /api/v1/activities/{activityId}/draws – one draw (header Idempotency-Key)
import { executeDraw } from '@/lib/draw/execute-draw';
import { clientIp } from '@/lib/http/client-ip';
import { withUser } from '@/lib/http/handlers';
import { jsonResponse } from '@/lib/json-response';
import { otherMethods } from '@/lib/http/other-methods';

export const POST = withUser(async ({ req, params, user }) =>
  jsonResponse(await executeDraw(user, params.activityId!, req.headers.get('idempotency-key'), { ip: clientIp(req) })),
);

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, GET, PUT, PATCH, DELETE } = otherMethods({ POST });

// GET /api/v1/draws/{drawId}/proof – the owner's proof of one draw (docs/fairness.md)
import { getDrawProof } from '@/lib/fairness/get-draw-proof';
import { withUser } from '@/lib/http/handlers';
import { jsonResponse } from '@/lib/json-response';
import { otherMethods } from '@/lib/http/other-methods';

export const GET = withUser(async ({ params, user }) => jsonResponse(await getDrawProof(user, params.drawId!)));

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });

// GET /api/v1/activities/{activityId}/me/draws – the user's draws in this activity, newest first, paged by cursor
import { listMyDraws } from '@/lib/fairness/list-my-draws';
import { MyDrawsQuery } from '@/lib/fairness/schemas';
import { withUser } from '@/lib/http/handlers';
import { jsonResponse } from '@/lib/json-response';
import { otherMethods } from '@/lib/http/other-methods';
import { readerLanguages } from '@/lib/http/reader-languages';
import { searchParams } from '@/lib/http/search-params';

export const GET = withUser(async ({ req, params, user }) =>
  jsonResponse(
    await listMyDraws(user, params.activityId!, MyDrawsQuery.parse(searchParams(req)), {
      languages: readerLanguages(req),
    }),
  ),
);

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });

// GET /api/v1/activities/{activityId} – public view with disclosed odds, in the reader's language
import { getPublicActivity } from '@/lib/activities/get-public-activity';
import { withUser } from '@/lib/http/handlers';
import { jsonResponse } from '@/lib/json-response';
import { otherMethods } from '@/lib/http/other-methods';
import { readerLanguages } from '@/lib/http/reader-languages';

export const GET = withUser(async ({ req, params, user }) =>
  jsonResponse(await getPublicActivity(user.tenantId, params.activityId!, { languages: readerLanguages(req) })),
);

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods({ GET });

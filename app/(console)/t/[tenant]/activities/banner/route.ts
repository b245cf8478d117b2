// POST /t/{tenant}/activities/banner – upload a banner image (raw body), answers { url }.
// A route, not a server action: server action bodies stop at 1 MB; this one reads at most the
// banner limit and stops there.
import { BANNER_MAX_BYTES, saveBanner } from '@/lib/activities/upload-banner';
import { publicRoute } from '@/lib/http/handlers';
import { readBodyBytes } from '@/lib/http/read-json';
import { requireConsole } from '../../../../_server/session';

export const POST = publicRoute(async ({ req, params }) => {
  await requireConsole(params.tenant!, 'OPERATOR');
  const body = await readBodyBytes(req, BANNER_MAX_BYTES, `a banner is at most ${BANNER_MAX_BYTES / 1024 / 1024} MB`);
  return Response.json(await saveBanner(body), { status: 201 });
});

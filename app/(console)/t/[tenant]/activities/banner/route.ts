// POST /t/{tenant}/activities/banner – upload a banner image (raw body), answers { url }.
// A route, not a server action: server action bodies stop at 1 MB; this one reads at most the
// banner limit and stops there.
import { authorizeConsole } from '@/lib/auth/console-guard';
import { BANNER_MAX_BYTES, saveBanner } from '@/lib/activities/upload-banner';
import { AppError } from '@/lib/errors';
import { publicRoute } from '@/lib/http/handlers';
import { currentOperatorId } from '../../../../_server/session';

export const POST = publicRoute(async ({ req, params }) => {
  await authorizeConsole(await currentOperatorId(), params.tenant!, 'OPERATOR');
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (declared > BANNER_MAX_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `a banner is at most ${BANNER_MAX_BYTES / 1024 / 1024} MB`);
  const body = await readAtMost(req, BANNER_MAX_BYTES);
  return Response.json(await saveBanner(body), { status: 201 });
});

async function readAtMost(req: Request, max: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    for await (const chunk of req.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > max) throw new AppError('PAYLOAD_TOO_LARGE', `a banner is at most ${max / 1024 / 1024} MB`);
      chunks.push(chunk);
    }
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

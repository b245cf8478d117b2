// GET /uploads/{file} – an uploaded banner image (public: H5 pages show it)
import { publicRoute } from '@/lib/http/handlers';
import { readBanner } from '@/lib/activities/upload-banner';

export const GET = publicRoute(async ({ params }) => {
  const { body, contentType } = await readBanner(params.file!);
  return new Response(new Uint8Array(body), {
    headers: { 'content-type': contentType, 'cache-control': 'public, max-age=31536000, immutable', 'x-content-type-options': 'nosniff' },
  });
});

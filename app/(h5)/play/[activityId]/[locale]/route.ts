// GET /play/{activityId}/{locale} – the H5 play page (proxy.ts rewrites /play/{id} here with the
// user's language). One HTML document rendered by lib/h5/render-play-page.ts.
import { renderPlayPage } from '@/lib/h5/render-play-page';

export const dynamic = 'force-dynamic';

export async function GET(_req: Request, { params }: { params: Promise<{ activityId: string; locale: string }> }) {
  const { activityId, locale } = await params;
  return renderPlayPage(activityId, locale);
}

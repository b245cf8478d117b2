// GET /play/{activityId}/{locale} – the H5 play page (proxy.ts rewrites /play/{id} here with the
// user's language). One HTML document rendered by lib/h5/render-play-page.ts.
import { renderPlayPage } from '@/lib/h5/render-play-page';
import { canonicalId } from '@/lib/ids';

export const dynamic = 'force-dynamic';

export async function GET(_req: Request, { params }: { params: Promise<{ activityId: string; locale: string }> }) {
  const { activityId, locale } = await params;
  // One page per activity whatever the case of its id; text that is no id finds nothing.
  return renderPlayPage(canonicalId(activityId) ?? activityId, locale);
}

// GET /play/{activityId}/preview?token=… – the play page from the activity's draft, for the console's
// preview and an operator's phone (lib/h5/render-play-page.ts); the language as the play page picks it.
import { renderPreviewPage } from '@/lib/h5/render-play-page';
import { langCookie, pickLocale } from '@/lib/i18n/messages';
import { canonicalId } from '@/lib/ids';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, { params }: { params: Promise<{ activityId: string }> }) {
  const { activityId } = await params;
  const query = new URL(req.url).searchParams;
  const locale = pickLocale(
    langCookie(req.headers.get('cookie') ?? undefined),
    req.headers.get('accept-language'),
    query.get('lang'),
  );
  return renderPreviewPage(canonicalId(activityId) ?? activityId, locale, query.get('token'));
}

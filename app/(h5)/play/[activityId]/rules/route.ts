// GET /play/{activityId}/rules – rules and odds from the live configuration, in the language of
// the `lang` cookie or Accept-Language (lib/h5/render-play-page.ts).
import { renderRulesPage } from '@/lib/h5/render-play-page';
import { langCookie, pickLocale } from '@/lib/i18n/messages';
import { canonicalId } from '@/lib/ids';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, { params }: { params: Promise<{ activityId: string }> }) {
  const { activityId } = await params;
  const locale = pickLocale(
    langCookie(req.headers.get('cookie') ?? undefined),
    req.headers.get('accept-language'),
    new URL(req.url).searchParams.get('lang'),
  );
  return renderRulesPage(canonicalId(activityId) ?? activityId, locale);
}

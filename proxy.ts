// Only the H5 play page: /play/{id} is served as /play/{id}/{locale}, the language from the
// `lang` cookie or Accept-Language, so the page itself depends on its path alone and can be
// cached (app/(h5)/play/[activityId]/[locale]/page.tsx). The address bar keeps /play/{id}.
import { NextResponse, type NextRequest } from 'next/server';
import { pickLocale } from '@/lib/i18n/messages';

export function proxy(req: NextRequest) {
  const url = req.nextUrl.clone();
  url.pathname = `${url.pathname.replace(/\/$/, '')}/${pickLocale(req.cookies.get('lang')?.value, req.headers.get('accept-language'))}`;
  const res = NextResponse.rewrite(url);
  res.headers.set('vary', 'Accept-Language, Cookie');
  return res;
}

export const config = { matcher: '/play/:activityId' };

// Three jobs, each only on the requests its matcher names:
// - a server action from another origin is refused with 403 (Next would answer 500), see
//   lib/http/forged-server-action.ts;
// - a server action or next-auth body that Next would fail on is refused with 400 or 413 (it
//   reads the copy Next makes for the proxy; the action or route still gets the original), see
//   lib/http/request-guard.ts;
// - the H5 play page: /play/{id} is served as /play/{id}/{locale}, the language from the `lang`
//   cookie or Accept-Language, so the page itself depends on its path alone and can be cached
//   (app/(h5)/play/[activityId]/[locale]/route.ts). The address bar keeps /play/{id}.
import { NextResponse, type NextRequest } from 'next/server';
import { isCrossOriginServerAction } from '@/lib/http/forged-server-action';
import { needsBodyCheck, refusalResponse, refuseBadRequestBody } from '@/lib/http/request-guard';
import { pickLocale } from '@/lib/i18n/messages';

export async function proxy(req: NextRequest) {
  if (isCrossOriginServerAction(req)) {
    const message = 'a server action must come from this site (its Origin does not match the host)';
    return NextResponse.json({ error: { code: 'FORBIDDEN', message } }, { status: 403 });
  }
  if (needsBodyCheck(req)) {
    const refusal = await refuseBadRequestBody(req);
    if (refusal) return refusalResponse(refusal, req);
  }
  if (!/^\/play\/[^/]+\/?$/.test(req.nextUrl.pathname)) return NextResponse.next();
  const url = req.nextUrl.clone();
  const locale = pickLocale(
    req.cookies.get('lang')?.value,
    req.headers.get('accept-language'),
    req.nextUrl.searchParams.get('lang'),
  );
  url.pathname = `${url.pathname.replace(/\/$/, '')}/${locale}`;
  const res = NextResponse.rewrite(url);
  res.headers.set('vary', 'Accept-Language, Cookie');
  return res;
}

export const config = {
  matcher: [
    '/play/:activityId',
    // next-auth: its JSON bodies (only POSTs are read).
    '/api/auth/:path*',
    // Pages and their server actions, never the API (route handlers are no server actions).
    { source: '/((?!api/|_next/).*)', has: [{ type: 'header', key: 'next-action' }] },
    {
      source: '/((?!api/|_next/).*)',
      // (Literal values only: Next reads the matcher when it builds.)
      has: [
        { type: 'header', key: 'content-type', value: '(multipart/form-data|application/x-www-form-urlencoded).*' },
      ],
    },
  ],
};

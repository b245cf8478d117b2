// Next refuses a server action whose Origin is not the host it was sent to (cross-site request
// forgery), but answers 500, as if the server had failed. proxy.ts asks this first and answers
// 403. The same test as Next's own (next/dist/server/app-render/action-handler.js): the Origin's
// host against X-Forwarded-Host, else Host; a request with no Origin is left to Next, which lets
// it through (only a hand-made request lacks it, and that carries no one else's cookies).

/** Requests Next would take for a server action: a fetch action (Next-Action) or a form post. */
export function isPossibleServerAction(req: { method: string; headers: Headers }): boolean {
  if (req.method !== 'POST') return false;
  const type = req.headers.get('content-type') ?? '';
  return (
    req.headers.has('next-action') ||
    type.startsWith('multipart/form-data') ||
    type === 'application/x-www-form-urlencoded'
  );
}

/** True when a possible server action comes from another origin than the host it was sent to. */
export function isCrossOriginServerAction(req: { method: string; headers: Headers }): boolean {
  if (!isPossibleServerAction(req)) return false;
  const origin = req.headers.get('origin');
  if (origin === null) return false;
  let originHost: string;
  try {
    originHost = origin === 'null' ? 'null' : new URL(origin).host;
  } catch {
    return true;
  }
  const host = req.headers.get('x-forwarded-host')?.split(',')[0]?.trim() || req.headers.get('host');
  return !host || originHost !== host;
}

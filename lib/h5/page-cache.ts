// The front's micro-cache for GET/HEAD /play/{activityId} (server.ts). The page shell is the
// same for every user of an activity and language (the user token never reaches the server),
// yet Next's per-request routing alone costs about a millisecond of CPU; so one copy per
// activity and locale is kept in memory for a few seconds and served without entering Next.
// The cache knows nothing about rendering: it fetches the path proxy.ts would rewrite the
// request to, /play/{id}/{locale}, from Next itself over HTTP.
import type { IncomingMessage, OutgoingHttpHeaders, RequestListener, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { langCookie, pickLocale } from '../i18n/messages';
import { canonicalId } from '../ids';

/** What a fill got from Next. */
export type UpstreamPage = { status: number; headers: Headers; body: Buffer };
export type FetchPage = (url: string) => Promise<UpstreamPage>;
export type CacheState = 'hit' | 'miss' | 'stale';
export type CachedAnswer = { status: number; headers: OutgoingHttpHeaders; body: Buffer };
type RequestLike = Pick<IncomingMessage, 'method' | 'url' | 'headers'>;

export type PlayPageCacheOptions = {
  /** Where Next answers, e.g. http://127.0.0.1:3000. */
  upstream: string;
  fetchPage?: FetchPage;
  now?: () => number;
  /** How long a copy is fresh when the page's Cache-Control names no s-maxage. */
  freshMs?: number;
  /** An entry this old or older is no longer served while its refresh runs. */
  staleMs?: number;
  maxEntries?: number;
  onFillError?: (err: unknown, path: string) => void;
};

const FRESH_MS = 5_000;
const STALE_MS = 60_000;
const MAX_ENTRIES = 500;
// A fill Next does not answer in this time fails, and the request goes to Next itself.
const FILL_TIMEOUT_MS = 10_000;

// Hop-by-hop, recomputed here, or true only of the one response Next sent: its ETag (this
// cache answers no conditional requests) and its own cache and rewrite markers.
const DROPPED_HEADERS = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'content-encoding',
  'date',
  'etag',
  'vary',
]);
const DROPPED_PREFIXES = ['x-nextjs-', 'x-middleware-'];

type StoredPage = {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
  gzipped: Buffer;
  cacheable: boolean;
  freshMs: number | null;
};
type Entry = { page: StoredPage; storedAtMs: number };

/**
 * The internal path a request is served from, /play/{id}/{locale} with the locale picked as
 * proxy.ts picks it, or null for any request this cache leaves to Next: other paths and
 * methods, a trailing slash (Next redirects it), RSC requests. A query string is ignored but for
 * `lang`: the page depends on the activity and the language only (lib/h5/render-play-page.ts),
 * and links shared from the host app carry tracking parameters, so each would otherwise miss.
 */
export function playPagePath(req: RequestLike): string | null {
  if (req.method !== 'GET' && req.method !== 'HEAD') return null;
  const m = /^\/play\/([^/?#]+)(?:\?[^#]*)?$/.exec(req.url ?? '');
  const activityId = m ? canonicalId(m[1]) : null;
  if (!activityId) return null;
  // Client-side navigation asks for the RSC payload, not the HTML.
  if (req.headers.rsc !== undefined) return null;
  // One copy per activity however its id is spelled: case variants cannot crowd out the cache.
  const lang = new URLSearchParams((req.url ?? '').split('?')[1] ?? '').get('lang');
  const locale = pickLocale(langCookie(req.headers.cookie), req.headers['accept-language'] ?? null, lang);
  return `/play/${activityId}/${locale}`;
}

export function createPlayPageCache(options: PlayPageCacheOptions) {
  const fetchPage = options.fetchPage ?? fetchFromNext;
  const now = options.now ?? Date.now;
  const freshMs = options.freshMs ?? FRESH_MS;
  const staleMs = options.staleMs ?? STALE_MS;
  const maxEntries = options.maxEntries ?? MAX_ENTRIES;
  // Map order is insertion order: a refilled entry moves to the end, the oldest is first.
  const entries = new Map<string, Entry>();
  const fills = new Map<string, Promise<StoredPage | null>>();

  /** One fetch per path at a time, however many requests wait for it; null if it failed. */
  function fill(path: string): Promise<StoredPage | null> {
    const running = fills.get(path);
    if (running) return running;
    const fetching = Promise.resolve()
      .then(() => fetchPage(options.upstream + path))
      .then(
        (res) => {
          const page = storedPage(res);
          if (page.cacheable) remember(path, page);
          else entries.delete(path);
          return page;
        },
        (err: unknown) => {
          options.onFillError?.(err, path);
          return null;
        },
      )
      .finally(() => fills.delete(path));
    fills.set(path, fetching);
    return fetching;
  }

  function remember(path: string, page: StoredPage) {
    entries.delete(path);
    entries.set(path, { page, storedAtMs: now() });
    for (const oldest of entries.keys()) {
      if (entries.size <= maxEntries) break;
      entries.delete(oldest);
    }
  }

  return {
    /** The answer for a request playPagePath matched, or null when Next should answer it. */
    async answer(req: RequestLike, path: string): Promise<CachedAnswer | null> {
      const entry = entries.get(path);
      const ageMs = entry ? now() - entry.storedAtMs : Infinity;
      // The page says how long a shared cache may keep it (s-maxage, lib/h5/render-play-page.ts).
      if (entry && ageMs < (entry.page.freshMs ?? freshMs)) return answerWith(entry.page, 'hit', req);
      if (entry && ageMs < staleMs) {
        // A failed refresh keeps the stale copy; it is dropped once too old.
        void fill(path);
        return answerWith(entry.page, 'stale', req);
      }
      const page = await fill(path);
      return page ? answerWith(page, 'miss', req) : null;
    },
    get size() {
      return entries.size;
    },
  };
}

export type PlayPageCache = ReturnType<typeof createPlayPageCache>;

/** The request listener: the play page from the cache, everything else (and any failed fill) to `next`. */
export function withPlayPageCache(cache: PlayPageCache, next: RequestListener): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = playPagePath(req);
    if (!path) return next(req, res);
    cache
      .answer(req, path)
      .then(
        (answer) => {
          if (!answer) return next(req, res);
          res.writeHead(answer.status, answer.headers);
          res.end(answer.body);
        },
        () => next(req, res),
      )
      // Whatever went wrong ends this one response, never the process (an unhandled rejection would).
      .catch((err: unknown) => res.destroy(err instanceof Error ? err : new Error(String(err))));
  };
}

function storedPage(res: UpstreamPage): StoredPage {
  const headers: OutgoingHttpHeaders = {};
  res.headers.forEach((value, name) => {
    if (name === 'set-cookie' || DROPPED_HEADERS.has(name) || DROPPED_PREFIXES.some((p) => name.startsWith(p))) return;
    headers[name] = value;
  });
  const cookies = res.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  // The page differs by language (the locale picked from these two) and by encoding.
  headers.vary = joinTokens(res.headers.get('vary'), 'Accept-Encoding, Accept-Language, Cookie');
  // A response that sets a cookie belongs to one user; it is passed on, never shared.
  const cacheable = res.status === 200 && cookies.length === 0;
  const sMaxAge = /(?:^|[\s,])s-maxage=(\d+)/i.exec(res.headers.get('cache-control') ?? '')?.[1];
  return {
    status: res.status,
    headers,
    body: res.body,
    gzipped: gzipSync(res.body),
    cacheable,
    freshMs: sMaxAge === undefined ? null : Number(sMaxAge) * 1000,
  };
}

function answerWith(page: StoredPage, state: CacheState, req: RequestLike): CachedAnswer {
  const gzip = acceptsGzip(req.headers['accept-encoding']);
  const body = gzip ? page.gzipped : page.body;
  const headers: OutgoingHttpHeaders = { ...page.headers, 'content-length': body.byteLength, 'x-play-cache': state };
  if (gzip) headers['content-encoding'] = 'gzip';
  return { status: page.status, headers, body: req.method === 'HEAD' ? Buffer.alloc(0) : body };
}

async function fetchFromNext(url: string): Promise<UpstreamPage> {
  // Identity: the cache keeps the plain body and compresses it once itself.
  const res = await fetch(url, {
    headers: { 'accept-encoding': 'identity' },
    redirect: 'manual',
    signal: AbortSignal.timeout(FILL_TIMEOUT_MS),
  });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
    return coding === 'gzip' && (!q || Number(q[1]) > 0);
  });
}

/** A comma-separated header's tokens, each once (case-insensitively), in first-seen order. */
function joinTokens(...lists: (string | null)[]): string {
  const seen = new Map<string, string>();
  for (const token of lists.flatMap((l) => l?.split(',') ?? [])) {
    const t = token.trim();
    if (t && !seen.has(t.toLowerCase())) seen.set(t.toLowerCase(), t);
  }
  return [...seen.values()].join(', ');
}

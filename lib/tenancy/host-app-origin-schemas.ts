// The origins of a tenant's host app: the pages that may frame the H5 play page and hand it a
// user token by postMessage (components/h5/play-app.tsx, lib/h5/render-play-page.ts). Exact
// origins, as a browser spells event.origin: https, or http on this machine only (local
// development). No wildcards: a token posted from "any subdomain" is posted from whoever
// controls one, and the host app knows its few origins.
import { z } from 'zod';

export const MAX_HOST_APP_ORIGINS = 20;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
// scheme://host[:port], an optional final slash, nothing else: no path, query, user or wildcard.
const ORIGIN_SHAPE = /^[a-z][a-z\d+.-]*:\/\/[^/?#\\@\s*%]+\/?$/i;

/** The origin in the browser's spelling, or why the value is none. */
export function parseHostAppOrigin(value: string): { origin: string } | { problem: string } {
  if (value.includes('*')) return { problem: `${value}: no wildcards; list each origin of the host app` };
  let url: URL | null = null;
  try {
    url = ORIGIN_SHAPE.test(value) ? new URL(value) : null;
  } catch {
    url = null;
  }
  if (!url || url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    return { problem: `${value}: not an origin; write scheme://host[:port], e.g. https://app.example.com` };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) {
    return { problem: `${value}: use https (http only for localhost)` };
  }
  return { origin: url.origin };
}

export const HostAppOrigin = z
  .string()
  .trim()
  .min(1, 'enter an origin')
  .max(200, 'at most 200 characters')
  .transform((value, ctx) => {
    const parsed = parseHostAppOrigin(value);
    if ('problem' in parsed) {
      ctx.addIssue({ code: 'custom', message: parsed.problem });
      return z.NEVER;
    }
    return parsed.origin;
  });

export const HostAppOrigins = z.strictObject({
  origins: z
    .array(HostAppOrigin)
    .max(MAX_HOST_APP_ORIGINS, `at most ${MAX_HOST_APP_ORIGINS} origins`)
    .transform((origins) => [...new Set(origins)]),
});
export type HostAppOrigins = z.infer<typeof HostAppOrigins>;

// Where the console may send an operator after signing in: a path of its own, never another
// site. Browsers read `//evil.test`, `/\evil.test` and `\\evil.test` as other hosts, URL
// normalisation turns `/.//evil.test` into `//evil.test`, and percent-encoding (%2f, %5c) hides
// either from a naive check; so the value is decoded, checked, normalised and checked again.
const BASE = 'http://console.invalid';
const MAX_LENGTH = 2048;
// Backslashes, control characters and whitespace: none belongs in a path we would send anyone to.
const FORBIDDEN = /[\\\s\u0000-\u001f\u007f]/;

/** `value` when it is a same-origin path outside sign-in and the API, else `fallback`. */
export function safeCallbackPath(value: string | null | undefined, fallback = '/'): string {
  if (!value || value.length > MAX_LENGTH || !isPlainPath(value)) return fallback;
  // The path as some server or browser might decode it; the query may hold encoded anything.
  const decoded = fullyDecoded(value.split(/[?#]/, 1)[0]!);
  if (decoded === null || !isPlainPath(decoded)) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  const path = fullyDecoded(url.pathname);
  if (url.origin !== BASE || path === null || !isPlainPath(path)) return fallback;
  if (/^\/(signin|api)(\/|$)/i.test(path)) return fallback;
  return `${url.pathname}${url.search}`;
}

/** An absolute URL on `baseUrl`'s origin, reduced to its path, or a path: then as safeCallbackPath. */
export function safeRedirectUrl(url: string, baseUrl: string): string {
  const base = new URL(baseUrl);
  let candidate = url;
  if (/^[a-z][a-z\d+.-]*:/i.test(url)) {
    try {
      const absolute = new URL(url);
      candidate = absolute.origin === base.origin ? `${absolute.pathname}${absolute.search}` : '';
    } catch {
      candidate = '';
    }
  }
  return `${base.origin}${safeCallbackPath(candidate)}`;
}

function isPlainPath(s: string): boolean {
  return s.startsWith('/') && !s.startsWith('//') && !FORBIDDEN.test(s);
}

/** Percent-decoded until nothing changes (at most a few rounds); null when malformed. */
function fullyDecoded(s: string): string | null {
  let current = s;
  for (let i = 0; i < 4; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return null;
    }
    if (next === current) return current;
    current = next;
  }
  return null;
}

// The user token lives in memory only (never localStorage): a module variable survives the
// client-side navigation to the rules page and back, and is gone when the tab closes.
let current: string | null = null;

export const getToken = () => current;
export const setToken = (token: string | null) => {
  current = token;
};

/** `#token=...` from the host app; removed from the address bar so it is not shared or logged. */
export function takeTokenFromFragment(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (!match) return null;
  window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  return decodeURIComponent(match[1]!);
}

/** An Idempotency-Key; randomUUID needs a secure context, getRandomValues does not. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

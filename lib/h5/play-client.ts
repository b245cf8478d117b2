// The play page's calls to the end-user API (API.md), in the browser. Every answer becomes a
// tagged result, so the UI decides what to say for each error code in one place.
export type ApiResult<T> = { ok: true; data: T } | { ok: false; kind: 'network' } | { ok: false; kind: 'http'; status: number; code: string; message: string; retryAfterSeconds?: number };

export type DrawResult = {
  drawId: string;
  outcome: 'win' | 'lose';
  tier: { id: string; name: string } | null;
  prizes: { prizeId: string; name: string; kind: string; quantity: number }[];
  winIds: string[];
  chancesLeft: number;
};

export type MyWin = { id: string; activityId: string; tierId: string; prize: { id: string; name: string; kind: string }; quantity: number; status: string; claimable: boolean; createdAt: string };
export type MyTask = { id: string; name: string; kind: string; chances: number; doneToday: number; remainingToday: number | null };
export type MyState = { chances: number; drawsToday: number; tasks: MyTask[]; wins: MyWin[] };

export async function callApi<T>(token: string, path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${token}`, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      cache: 'no-store',
    });
  } catch {
    return { ok: false, kind: 'network' };
  }
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    // A cut-off or non-JSON reply is as good as lost.
    return res.ok ? { ok: false, kind: 'network' } : { ok: false, kind: 'http', status: res.status, code: 'INTERNAL', message: res.statusText };
  }
  if (res.ok) return { ok: true, data: json as T };
  const err = (json as { error?: { code?: string; message?: string } }).error ?? {};
  const retryAfter = Number(res.headers.get('retry-after'));
  return { ok: false, kind: 'http', status: res.status, code: err.code ?? 'INTERNAL', message: err.message ?? '', ...(retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}) };
}

// The play page's calls to the end-user API, in the browser. Every answer becomes a
// tagged result, so the UI decides what to say for each error code in one place.
import type { getMyState } from '../chances/get-my-state';
import type { DrawBody } from '../draw/draw-record';
import type { UserWinDto } from '../fulfilment/list-user-wins';

export type ApiResult<T> =
  | { ok: true; data: T }
  | { ok: false; kind: 'network' }
  | {
      ok: false;
      kind: 'http';
      status: number;
      code: string;
      message: string;
      retryAfterSeconds?: number;
      /** The server's x-request-id: what support needs to find this request in the logs. */
      requestId?: string;
    };

// The answers' shapes are the server's own (type-only imports: nothing of the server reaches the bundle).
export type DrawResult = DrawBody;
export type MyState = Awaited<ReturnType<typeof getMyState>>;
export type MyTask = MyState['tasks'][number];
export type MyWin = UserWinDto;

export async function callApi<T>(
  token: string,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${token}`,
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      cache: 'no-store',
    });
  } catch {
    return { ok: false, kind: 'network' };
  }
  const requestId = res.headers.get('x-request-id') ?? undefined;
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    // A cut-off or non-JSON reply is as good as lost.
    return res.ok
      ? { ok: false, kind: 'network' }
      : { ok: false, kind: 'http', status: res.status, code: 'INTERNAL', message: res.statusText, requestId };
  }
  if (res.ok) return { ok: true, data: json as T };
  const err = (json as { error?: { code?: string; message?: string } }).error ?? {};
  const retryAfter = Number(res.headers.get('retry-after'));
  return {
    ok: false,
    kind: 'http',
    status: res.status,
    code: err.code ?? 'INTERNAL',
    message: err.message ?? '',
    ...(retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
    ...(requestId ? { requestId } : {}),
  };
}

// What the console's change actions answer: the data, or the API's error (code, message,
// details) with the id of the request that failed, for a support ticket or the logs.
export type ChangeActionError = { code: string; message: string; details?: unknown; requestId: string };
export type ChangeActionResult<T> = { ok: true; data: T } | { ok: false; error: ChangeActionError };

// Assertions for refused input: the status, the error code, and the field named in details.issues.
import { expect } from 'vitest';

type Answer = { status: number; json?: { error?: { code?: string; details?: { issues?: { path: string }[] } } } };

/** 400 VALIDATION_FAILED whose details.issues name `path`. */
export function expectFieldRefused(res: Answer, path: string) {
  expect(res.status, JSON.stringify(res.json)).toBe(400);
  expect(res.json?.error?.code).toBe('VALIDATION_FAILED');
  expect(
    res.json?.error?.details?.issues?.map((i) => i.path),
    JSON.stringify(res.json),
  ).toContain(path);
}

/** The same for a console action's result (a FormResult carries issues, an ActionResult only the message). */
export function expectActionRefused(result: unknown, path: string) {
  const r = result as { ok: boolean; error?: { code: string; message: string; issues?: { path: string }[] } };
  expect(r.ok, JSON.stringify(r)).toBe(false);
  expect(r.error?.code, JSON.stringify(r)).toBe('VALIDATION_FAILED');
  if (r.error?.issues)
    expect(
      r.error.issues.map((i) => i.path),
      JSON.stringify(r),
    ).toContain(path);
  else expect(r.error?.message, JSON.stringify(r)).toContain(`${path}:`);
}

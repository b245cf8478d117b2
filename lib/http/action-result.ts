// Console server actions return a result instead of throwing, so the browser can show the
// same code and message the API would give (production builds hide thrown messages).
import { toErrorBody } from '../errors';

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

export async function runAction<T>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (err) {
    const { body } = toErrorBody(err);
    return { ok: false, error: { code: body.error.code, message: body.error.message } };
  }
}

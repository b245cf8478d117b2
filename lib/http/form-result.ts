// Like runAction, but a refused form also carries the field paths of what was wrong, so the
// editor can show each error beside its field.
import { toErrorBody } from '../errors';

export type FieldIssue = { path: string; message: string };
export type FormResult<T> =
  { ok: true; data: T } | { ok: false; error: { code: string; message: string; issues: FieldIssue[] } };

export async function runFormAction<T>(fn: () => Promise<T>): Promise<FormResult<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (err) {
    const { body } = toErrorBody(err);
    const issues = (body.error.details as { issues?: FieldIssue[] } | undefined)?.issues ?? [];
    return { ok: false, error: { code: body.error.code, message: body.error.message, issues } };
  }
}

// The result of a console action on changes: like the other console actions (an error comes back
// as the result, never thrown), plus what a change's failure needs on screen: the error's
// details (the version to rebase on, the units a prize is short of) and the request id the
// server logged it under.
import 'server-only';
import { randomUUID } from 'node:crypto';
import type { ConsoleContext, Role } from '@/lib/auth/console-guard';
import { toErrorBody } from '@/lib/errors';
import { withRequestContext } from '@/lib/log';
import type { ChangeActionResult } from '@/components/console/changes/change-action-result';
import { requireConsoleAction } from '../../../_server/session';

export function changeAction<T>(
  tenantSlug: string,
  minRole: Role,
  fn: (ctx: ConsoleContext) => Promise<T>,
): Promise<ChangeActionResult<T>> {
  const requestId = randomUUID();
  return withRequestContext(requestId, async () => {
    try {
      return { ok: true as const, data: await fn(await requireConsoleAction(tenantSlug, minRole)) };
    } catch (err) {
      const { body } = toErrorBody(err);
      return { ok: false as const, error: { ...body.error, requestId } };
    }
  });
}

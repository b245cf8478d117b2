import { AppError } from '../errors';
import type { Actor } from '../audit/write-audit-log';
import { voidWin } from './void-win';

/** An operator's void: like the claim expiry's, but a win already void is an error to report. */
export async function voidWinByOperator(
  tenantId: string,
  actor: Actor,
  winId: string,
  reason: string,
): Promise<{ id: string; status: 'VOID' }> {
  const { voided } = await voidWin(tenantId, actor, { winId, reason });
  if (!voided) throw new AppError('INVALID_STATE', 'the win is already void');
  return { id: winId, status: 'VOID' };
}

'use server';

// Console server actions of the live dashboard: tier odds and stock, pause / resume / end.
// Each needs the OPERATOR role, checked here on the server, and calls the same lib function
// as the management API (which writes the AuditLog row).
import { toActivityView, type DashboardActivityView } from '@/lib/stats/dashboard-activity-view';
import { adjustTierLive } from '@/lib/activities/adjust-tier-live';
import { changeStatusLive } from '@/lib/activities/change-status-live';
import { LiveStatusChange, LiveTierAdjustment } from '@/lib/activities/live-change-schemas';
import type { ActionResult } from '@/lib/http/action-result';
import { idOrNotFound } from '@/lib/ids';
import { consoleAction } from '../../../../../_server/session';
import { asNamedRequest } from '@/lib/http/request-id';

export async function adjustTierAction(
  tenantSlug: string,
  activityId: string,
  tierId: string,
  adjustment: unknown,
): Promise<ActionResult<{ activity: DashboardActivityView; pendingChange: PendingChange | null }>> {
  return consoleAction(tenantSlug, 'OPERATOR', async (ctx) => {
    const { activity, pendingChange } = await adjustTierLive(ctx.tenantId, ctx.actor, {
      activityId: idOrNotFound(activityId, 'activity'),
      tierId: idOrNotFound(tierId, 'tier'),
      adjustment: LiveTierAdjustment.parse(adjustment),
    });
    const pending = pendingChange
      ? { id: pendingChange.id, approvalsRequired: pendingChange.approvalsRequired ?? 0 }
      : null;
    return { activity: toActivityView(activity), pendingChange: pending };
  });
}

/** A change the approval policy holds for another operator's approval. */
type PendingChange = { id: string; approvalsRequired: number };

export async function changeStatusAction(
  tenantSlug: string,
  activityId: string,
  change: unknown,
  requestId?: string,
): Promise<ActionResult<{ activity: DashboardActivityView }>> {
  return asNamedRequest(requestId, () =>
    consoleAction(tenantSlug, 'OPERATOR', async (ctx) => {
      const id = idOrNotFound(activityId, 'activity');
      const activity = await changeStatusLive(ctx.tenantId, ctx.actor, id, LiveStatusChange.parse(change));
      return { activity: toActivityView(activity) };
    }),
  );
}

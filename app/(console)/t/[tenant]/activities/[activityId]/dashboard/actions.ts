'use server';

// Console server actions of the live dashboard: tier odds and stock, pause / resume / end.
// Each needs the OPERATOR role, checked here on the server, and calls the same lib function
// as the management API (which writes the AuditLog row).
import { z } from 'zod';
import { toActivityView, type DashboardActivityView } from '@/lib/stats/dashboard-activity-view';
import { adjustTierLive } from '@/lib/stats/adjust-tier-live';
import { changeStatusLive } from '@/lib/stats/change-status-live';
import { LiveStatusChange, LiveTierAdjustment } from '@/lib/stats/schemas';
import type { ActionResult } from '@/lib/http/action-result';
import { consoleAction } from '../../../../../_server/session';

const Id = z.string().max(100);

export async function adjustTierAction(tenantSlug: string, activityId: string, tierId: string, adjustment: unknown): Promise<ActionResult<{ activity: DashboardActivityView }>> {
  return consoleAction(tenantSlug, 'OPERATOR', async (ctx) => {
    const activity = await adjustTierLive(ctx.tenantId, ctx.actor, Id.parse(activityId), Id.parse(tierId), LiveTierAdjustment.parse(adjustment));
    return { activity: toActivityView(activity) };
  });
}

export async function changeStatusAction(tenantSlug: string, activityId: string, change: unknown): Promise<ActionResult<{ activity: DashboardActivityView }>> {
  return consoleAction(tenantSlug, 'OPERATOR', async (ctx) => {
    const activity = await changeStatusLive(ctx.tenantId, ctx.actor, Id.parse(activityId), LiveStatusChange.parse(change));
    return { activity: toActivityView(activity) };
  });
}

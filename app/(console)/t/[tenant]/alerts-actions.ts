'use server';

// Console server action for the header's alerts. Acknowledging needs the OPERATOR role,
// checked here on the server; analysts see the alerts without the button.
import { revalidatePath } from 'next/cache';
import { acknowledgeAlert, type AcknowledgedAlertDto } from '@/lib/alerts/acknowledge-alert';
import type { ActionResult } from '@/lib/http/action-result';
import { idOrNotFound } from '@/lib/ids';
import { consoleAction } from '../../_server/session';

export async function acknowledgeAlertAction(
  tenantSlug: string,
  alertId: string,
): Promise<ActionResult<{ alert: AcknowledgedAlertDto }>> {
  return consoleAction(tenantSlug, 'OPERATOR', async (ctx) => {
    const alert = await acknowledgeAlert(ctx.tenantId, ctx.actor, idOrNotFound(alertId, 'alert'));
    // The badge and the banner live in the tenant's layout, shown on every section.
    revalidatePath(`/t/${ctx.tenantSlug}`, 'layout');
    return { alert };
  });
}

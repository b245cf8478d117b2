'use server';

// Console server actions on winners: ship, void, approve or reject a held win, one at a time or
// in bulk. All need the OPERATOR role, checked here on the server (analysts see no controls,
// but that is not a security boundary). Each calls the same lib function as any other caller,
// which checks the tenant, the win's state and writes the audit entry.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { applyBulkWinAction, type BulkWinResult } from '@/lib/fulfilment/apply-bulk-win-action';
import { importShipments, type ShipmentImport } from '@/lib/fulfilment/import-shipments';
import { approveHeldWin, rejectHeldWin } from '@/lib/fulfilment/review-held-win';
import { ShipWin, WinIds, WinReason } from '@/lib/fulfilment/schemas';
import { shipWin, type ShippedWin } from '@/lib/fulfilment/ship-win';
import { voidWinByOperator } from '@/lib/fulfilment/void-win-by-operator';
import type { ActionResult } from '@/lib/http/action-result';
import { Id, idOrNotFound } from '@/lib/ids';
import type { ConsoleContext } from '@/lib/auth/console-guard';
import { runFormAction, type FormResult } from '@/lib/http/form-result';
import { consoleAction, requireConsoleAction } from '../../../_server/session';

/** As an OPERATOR of the tenant: the lib call, then the winners page shows its result. */
function asOperator<T>(tenantSlug: string, fn: (ctx: ConsoleContext) => Promise<T>): Promise<ActionResult<T>> {
  return consoleAction(tenantSlug, 'OPERATOR', async (ctx) => {
    const result = await fn(ctx);
    revalidatePath(`/t/${ctx.tenantSlug}/winners`);
    return result;
  });
}

export async function shipWinAction(
  tenantSlug: string,
  winId: string,
  carrier: string,
  trackingNumber: string,
): Promise<ActionResult<ShippedWin>> {
  return asOperator(tenantSlug, (ctx) =>
    shipWin(ctx.tenantId, ctx.actor, idOrNotFound(winId, 'win'), ShipWin.parse({ carrier, trackingNumber })),
  );
}

export async function voidWinAction(
  tenantSlug: string,
  winId: string,
  reason: string,
): Promise<ActionResult<{ id: string; status: 'VOID' }>> {
  return asOperator(tenantSlug, (ctx) =>
    voidWinByOperator(ctx.tenantId, ctx.actor, idOrNotFound(winId, 'win'), WinReason.parse({ reason }).reason),
  );
}

export async function approveWinAction(
  tenantSlug: string,
  winId: string,
): Promise<ActionResult<{ id: string; status: string }>> {
  return asOperator(tenantSlug, (ctx) => approveHeldWin(ctx.tenantId, ctx.actor, idOrNotFound(winId, 'win')));
}

export async function rejectWinAction(
  tenantSlug: string,
  winId: string,
  reason: string,
): Promise<ActionResult<{ id: string; status: 'VOID' }>> {
  return asOperator(tenantSlug, (ctx) =>
    rejectHeldWin(ctx.tenantId, ctx.actor, idOrNotFound(winId, 'win'), WinReason.parse({ reason }).reason),
  );
}

const BulkAction = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('ship'),
    carrier: ShipWin.shape.carrier,
    trackingNumbers: z.record(Id, z.string().max(100)),
  }),
  z.strictObject({ kind: z.literal('void'), reason: WinReason.shape.reason }),
  z.strictObject({ kind: z.literal('approve') }),
  z.strictObject({ kind: z.literal('reject'), reason: WinReason.shape.reason }),
]);
export type BulkAction = z.input<typeof BulkAction>;

export async function bulkWinAction(
  tenantSlug: string,
  winIds: string[],
  action: BulkAction,
): Promise<ActionResult<BulkWinResult>> {
  return asOperator(tenantSlug, (ctx) =>
    applyBulkWinAction(ctx.tenantId, ctx.actor, WinIds.parse(winIds), BulkAction.parse(action)),
  );
}

/** Ships the wins a CSV names (winId,carrier,trackingNumber); a malformed file ships nothing and names its lines. */
export async function importShipmentsAction(tenantSlug: string, text: string): Promise<FormResult<ShipmentImport>> {
  return runFormAction(async () => {
    const ctx = await requireConsoleAction(tenantSlug, 'OPERATOR');
    const result = await importShipments(ctx.tenantId, ctx.actor, z.string().parse(text));
    revalidatePath(`/t/${ctx.tenantSlug}/winners`);
    return result;
  });
}

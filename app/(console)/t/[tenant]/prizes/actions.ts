'use server';

// Console server actions for prizes and their stock. Both need the OPERATOR role, checked here
// on the server (the page hides the buttons from analysts, but that is not a security boundary).
import { revalidatePath } from 'next/cache';
import { createPrize } from '@/lib/prizes/create-prize';
import { restockPrize } from '@/lib/prizes/restock-prize';
import { AddCodes, CreatePrize, Restock, UpdatePrize } from '@/lib/prizes/schemas';
import { updatePrize } from '@/lib/prizes/update-prize';
import { addPrizeCodes, type CodesDto } from '@/lib/prizes/add-prize-codes';
import type { PrizeDto } from '@/lib/prizes/prize-dto';
import type { ActionResult } from '@/lib/http/action-result';
import { text } from '@/lib/validation/text';
import { idOrNotFound } from '@/lib/ids';
import { consoleAction } from '../../../_server/session';

// The console asks why stock moved: the API may omit the reason, an operator may not.
const ConsoleRestock = Restock.extend({ reason: text({ min: 1, max: 500, tooShort: 'enter a reason' }) });

export async function restockPrizeAction(
  tenantSlug: string,
  prizeId: string,
  quantity: number,
  reason: string,
): Promise<ActionResult<{ prize: PrizeDto }>> {
  return consoleAction(tenantSlug, 'OPERATOR', async (ctx) => {
    const id = idOrNotFound(prizeId, 'prize');
    const input = ConsoleRestock.parse({ quantity, reason });
    const prize = await restockPrize(ctx.tenantId, ctx.actor, id, input);
    revalidatePath(`/t/${ctx.tenantSlug}/prizes`);
    revalidatePath(`/t/${ctx.tenantSlug}/prizes/${prize.id}`);
    return { prize };
  });
}

/** A new prize and its total pool, through the same service and schema as POST /api/manage/prizes. */
export async function createPrizeAction(
  tenantSlug: string,
  input: unknown,
): Promise<ActionResult<{ prize: PrizeDto }>> {
  return consoleAction(tenantSlug, 'OPERATOR', async (ctx) => {
    const prize = await createPrize(ctx.tenantId, ctx.actor, CreatePrize.parse(input));
    revalidatePath(`/t/${ctx.tenantSlug}/prizes`);
    return { prize };
  });
}

/** Codes for a coupon prize (an uploaded file, sent in parts), through the same service as POST .../codes. */
export async function addPrizeCodesAction(
  tenantSlug: string,
  prizeId: string,
  codes: unknown,
): Promise<ActionResult<CodesDto>> {
  return consoleAction(tenantSlug, 'OPERATOR', async (ctx) => {
    const id = idOrNotFound(prizeId, 'prize');
    const added = await addPrizeCodes(ctx.tenantId, ctx.actor, id, AddCodes.parse({ codes }));
    revalidatePath(`/t/${ctx.tenantSlug}/prizes`);
    revalidatePath(`/t/${ctx.tenantSlug}/prizes/${id}`);
    return added;
  });
}

/** Renames a prize or sets its names per language, through the same service as PATCH /api/manage/prizes/{id}. */
export async function updatePrizeAction(
  tenantSlug: string,
  prizeId: string,
  input: unknown,
): Promise<ActionResult<{ prize: PrizeDto }>> {
  return consoleAction(tenantSlug, 'OPERATOR', async (ctx) => {
    const id = idOrNotFound(prizeId, 'prize');
    const prize = await updatePrize(ctx.tenantId, ctx.actor, id, UpdatePrize.parse(input));
    revalidatePath(`/t/${ctx.tenantSlug}/prizes`);
    revalidatePath(`/t/${ctx.tenantSlug}/prizes/${prize.id}`);
    return { prize };
  });
}

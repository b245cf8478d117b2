// POST /api/manage/prizes/{prizeId}/codes: a coupon prize's stock is its codes. Adding codes adds
// as many units to the prize's total pool, through the ledger's writer (lib/inventory/move-stock.ts)
// in the transaction that stores them, under the prize's lock, with an audit row. All or nothing:
// a code repeated in the call or already stored for the prize refuses the whole call, naming them.
import { db } from '../db';
import { AppError } from '../errors';
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { isUuid } from '../ids';
import { moveStock } from '../inventory/move-stock';
import { withPrizeLocks } from '../locks/prize-lock';
import { requestRedis } from '../redis';
import { INT4_MAX } from '../validation/storage-limits';
import type { AddCodes } from './schemas';
import { repeatedCodes } from '../coupons/parse-code-file';

export type CodesDto = { added: number; total: number; unused: number };

/** How many duplicates an error lists: enough to find them, bounded however many there are. */
const MAX_LISTED = 100;

export async function addPrizeCodes(
  tenantId: string,
  actor: Actor,
  prizeId: string,
  input: AddCodes,
): Promise<CodesDto> {
  if (!isUuid(prizeId)) throw new AppError('NOT_FOUND', `prize ${prizeId} not found`);
  const repeated = repeatedCodes(input.codes);
  if (repeated.length) throw duplicates('repeated in the call', repeated);
  return withPrizeLocks(await requestRedis(), [prizeId], () =>
    db.$transaction(
      async (tx) => {
        const prize = await tx.prize.findFirst({
          where: { id: prizeId, tenantId },
          select: { kind: true, availableStock: true },
        });
        if (!prize) throw new AppError('NOT_FOUND', `prize ${prizeId} not found`);
        if (prize.kind !== 'COUPON') throw new AppError('INVALID_STATE', 'only a coupon prize has codes');
        const stored = await tx.couponCode.findMany({
          where: { prizeId, code: { in: input.codes } },
          select: { code: true },
        });
        if (stored.length)
          throw duplicates(
            'already stored',
            stored.map((s) => s.code),
          );
        const before = await countCodes(tx, prizeId);
        if (before.total + input.codes.length > INT4_MAX) {
          throw new AppError('VALIDATION_FAILED', 'codes: the prize holds too many codes', {
            issues: [{ path: 'codes', message: `a prize holds at most ${INT4_MAX} codes` }],
          });
        }
        await tx.couponCode.createMany({ data: input.codes.map((code) => ({ tenantId, prizeId, code })) });
        const added = input.codes.length;
        const restock = { kind: 'RESTOCK', poolDelta: added, reason: `${added} coupon codes added` } as const;
        const { available } = await moveStock(tx, { tenantId, prizeId, ...restock, actor });
        const after = { total: before.total + added, unused: before.unused + added };
        await writeAuditLog(
          tenantId,
          actor,
          {
            action: 'prize.codes.add',
            objectType: 'Prize',
            objectId: prizeId,
            before: { available: prize.availableStock, codes: before.total },
            after: { available, codes: after.total, added },
          },
          tx,
        );
        return { added, ...after };
      },
      { timeout: 60_000 },
    ),
  );
}

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/** Codes of the prize: all of them, and those no win took. */
export async function countCodes(tx: Pick<Tx, 'couponCode'>, prizeId: string) {
  const [total, unused] = await Promise.all([
    tx.couponCode.count({ where: { prizeId } }),
    tx.couponCode.count({ where: { prizeId, winId: null } }),
  ]);
  return { total, unused };
}

function duplicates(why: string, codes: string[]) {
  const listed = codes.slice(0, MAX_LISTED);
  const more = codes.length > listed.length ? ` (and ${codes.length - listed.length} more)` : '';
  return new AppError('VALIDATION_FAILED', `codes ${why}: ${listed.join(', ')}${more}; nothing was added`, {
    duplicates: listed,
    count: codes.length,
    issues: [{ path: 'codes', message: `${codes.length} codes ${why}` }],
  });
}

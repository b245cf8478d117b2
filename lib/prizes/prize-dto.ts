import type { Prisma } from '@/generated/prisma/client';
import { db } from '../db';
import { translationsOf } from '../i18n/translate';

export const prizeSelect = {
  id: true,
  name: true,
  kind: true,
  valueMinor: true,
  description: true,
  imageUrl: true,
  translations: true,
  availableStock: true,
  createdAt: true,
} satisfies Prisma.PrizeSelect;
type PrizeRow = Prisma.PrizeGetPayload<{ select: typeof prizeSelect }>;

export type PrizeDto = {
  id: string;
  name: string;
  kind: string;
  value: number;
  description: string | null;
  imageUrl: string | null;
  /** The name per language, as given (`{ "<locale>": { name } }`). */
  translations: Record<string, { name: string }>;
  /** total = available + reserved: every unit the tenant still holds. */
  stock: { total: number; available: number; reserved: number };
  createdAt: string;
};

/** Units held by activity pools of these prizes: reserved − issued − returned. */
export async function reservedByPrize(tenantId: string, prizeIds: string[]): Promise<Map<string, number>> {
  if (prizeIds.length === 0) return new Map();
  const sums = await db.activityStock.groupBy({
    by: ['prizeId'],
    where: { tenantId, prizeId: { in: prizeIds } },
    _sum: { reserved: true, issued: true, returned: true },
  });
  return new Map(sums.map((s) => [s.prizeId, (s._sum.reserved ?? 0) - (s._sum.issued ?? 0) - (s._sum.returned ?? 0)]));
}

export function toPrizeDto(p: PrizeRow, reserved: number): PrizeDto {
  return {
    id: p.id,
    name: p.name,
    kind: p.kind.toLowerCase(),
    value: p.valueMinor / 100,
    description: p.description,
    imageUrl: p.imageUrl,
    translations: translationsOf<{ name: string }>(p.translations),
    stock: { total: p.availableStock + reserved, available: p.availableStock, reserved },
    createdAt: p.createdAt.toISOString(),
  };
}

// GET /api/v1/activities/{id}/me/draws: the signed-in user's draws in one activity of the token's
// tenant, newest first, each with whether it has a proof (GET /api/v1/draws/{drawId}/proof). Draw
// ids are time ordered, so the id alone orders the list and is the cursor; the user's draws are
// found by the (activity, user, key) index, bounded by the activity's draw limits.
import { db } from '../db';
import { AppError } from '../errors';
import { orUntranslated, pickTranslation, type SpecTranslation } from '../i18n/translate';
import type { MyDrawsQuery } from './schemas';
import { drawFairnessOf } from './draw-fairness';

export type MyDrawDto = {
  drawId: string;
  drawnAt: string;
  outcome: 'win' | 'lose';
  tier: { id: string; name: string } | null;
  /** The draw has a proof: it was derived from a committed seed. */
  provable: boolean;
};

export type MyDrawsDto = {
  items: MyDrawDto[];
  nextCursor: string | null;
  /** The activity's time zone, in which the page shows each draw's time. */
  timezone: string;
};

export async function listMyDraws(
  user: { tenantId: string; userId: string },
  activityId: string,
  query: MyDrawsQuery,
  { languages = [] }: { languages?: string[] } = {},
): Promise<MyDrawsDto> {
  const activity = await db.activity.findFirst({
    where: { id: activityId, tenantId: user.tenantId, status: { not: 'DRAFT' } },
    select: {
      timezone: true,
      translations: true,
      tiers: { select: { id: true, name: true }, orderBy: { position: 'asc' } },
    },
  });
  if (!activity) throw new AppError('NOT_FOUND', `activity ${activityId} not found`);
  const rows = await db.draw.findMany({
    where: {
      tenantId: user.tenantId,
      activityId,
      userId: user.userId,
      ...(query.cursor !== undefined ? { id: { lt: query.cursor } } : {}),
    },
    orderBy: { id: 'desc' },
    take: query.limit + 1,
    select: { id: true, createdAt: true, outcome: true, tierId: true, fairness: true },
  });
  const text = pickTranslation<SpecTranslation>(activity.translations, languages)?.text ?? {};
  const tierNames = new Map(
    activity.tiers.map((t, i) => [t.id, orUntranslated(text.tiers?.[i]?.name, t.name)] as const),
  );
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((d) => ({
      drawId: d.id,
      drawnAt: d.createdAt.toISOString(),
      outcome: d.outcome === 'WIN' ? 'win' : 'lose',
      tier: d.tierId ? { id: d.tierId, name: tierNames.get(d.tierId) ?? '' } : null,
      provable: drawFairnessOf(d.fairness) !== null,
    })),
    nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null,
    timezone: activity.timezone,
  };
}

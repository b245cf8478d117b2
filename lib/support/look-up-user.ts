// Support's view of one end user in a tenant ("why didn't I win?"): per activity, the draws,
// chances granted and used, wins and risk events, newest first, each draw with the reason it
// ended as it did as far as the records tell. Every read is scoped to the tenant; the user id is
// the host app's, as tokens carry it.
import { MAX_CLAIM_ID_LENGTH } from '../auth/user-token';
import { db } from '../db';
import { AppError } from '../errors';
import { queryWinners, type WinnerDto } from '../fulfilment/list-winners';
import { isExternalId } from '../validation/text';
import { drawFairnessOf, type DrawFairness } from '../fairness/draw-fairness';

/** Rows of each kind shown, newest first. */
export const LOOKUP_ROWS = 100;

export type LookupDraw = {
  id: string;
  activityId: string;
  at: string;
  outcome: 'WIN' | 'LOSE';
  tier: string | null;
  chance: string;
  configVersion: number | null;
  /** What decided the outcome, in words an agent can repeat to the user. */
  why: string;
};

export type UserLookup = {
  userId: string;
  activities: { id: string; name: string; draws: number; wins: number; granted: number; firstDrawAt: string | null }[];
  draws: LookupDraw[];
  grants: { activityId: string; at: string; source: string; task: string | null; chances: number; day: string }[];
  wins: WinnerDto[];
  riskEvents: { activityId: string | null; at: string; kind: string; action: string; detail: unknown }[];
};

export async function lookUpUser(
  tenantId: string,
  userId: string,
  { masked = false }: { masked?: boolean } = {},
): Promise<UserLookup> {
  if (!isExternalId(userId, MAX_CLAIM_ID_LENGTH))
    throw new AppError(
      'VALIDATION_FAILED',
      `a user id is 1–${MAX_CLAIM_ID_LENGTH} characters without control characters`,
      {
        issues: [{ path: 'user', message: 'not a user id' }],
      },
    );
  // The activities the user took part in (drew, or was granted chances) first, found through the
  // user's own index: every other read goes through their ids and an index on (activity, user).
  const [participations, grantSums] = await Promise.all([
    db.participation.findMany({ where: { tenantId, userId } }),
    db.chanceGrant.groupBy({ by: ['activityId'], where: { tenantId, userId }, _sum: { chances: true } }),
  ]);
  const ids = [...new Set([...participations.map((p) => p.activityId), ...grantSums.map((g) => g.activityId)])];
  const [activities, draws, grants, wins, riskEvents] = await Promise.all([
    db.activity.findMany({
      where: { id: { in: ids }, tenantId },
      select: { id: true, name: true },
      orderBy: { createdAt: 'desc' },
    }),
    db.draw.findMany({
      where: { activityId: { in: ids }, userId, tenantId },
      select: {
        id: true,
        activityId: true,
        outcome: true,
        chanceKind: true,
        riskAction: true,
        configVersion: true,
        fairness: true,
        createdAt: true,
        tier: { select: { name: true } },
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: LOOKUP_ROWS,
    }),
    db.chanceGrant.findMany({
      where: { activityId: { in: ids }, userId, tenantId },
      select: {
        activityId: true,
        createdAt: true,
        source: true,
        chances: true,
        day: true,
        task: { select: { name: true } },
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: LOOKUP_ROWS,
    }),
    queryWinners(tenantId, { userId }, { limit: LOOKUP_ROWS, masked }),
    db.riskEvent.findMany({
      where: { tenantId, userId },
      select: { activityId: true, createdAt: true, kind: true, action: true, detail: true },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: LOOKUP_ROWS,
    }),
  ]);
  return {
    userId,
    activities: activities.map((a) => {
      const p = participations.find((x) => x.activityId === a.id);
      return {
        id: a.id,
        name: a.name,
        draws: p?.draws ?? 0,
        wins: p?.wins ?? 0,
        granted: grantSums.find((g) => g.activityId === a.id)?._sum.chances ?? 0,
        firstDrawAt: p?.firstDrawAt.toISOString() ?? null,
      };
    }),
    draws: draws.map((d) => ({
      id: d.id,
      activityId: d.activityId,
      at: d.createdAt.toISOString(),
      outcome: d.outcome,
      tier: d.tier?.name ?? null,
      chance: d.chanceKind.toLowerCase(),
      configVersion: d.configVersion,
      why: whyOf(d),
    })),
    grants: grants.map((g) => ({
      activityId: g.activityId,
      at: g.createdAt.toISOString(),
      source: g.source.toLowerCase(),
      task: g.task?.name ?? null,
      chances: g.chances,
      day: g.day,
    })),
    wins: wins.items,
    riskEvents: riskEvents.map((r) => ({
      activityId: r.activityId,
      at: r.createdAt.toISOString(),
      kind: r.kind.toLowerCase(),
      action: r.action.toLowerCase(),
      detail: r.detail,
    })),
  };
}

const FALLBACK_REASONS: Record<DrawFairness['f'], string> = {
  none: 'the odds picked no prize',
  stock: 'the odds picked {tier}, but it was out of stock',
  pacing: 'the odds picked {tier}, but its pacing held the win back (it releases wins evenly over the period)',
  limit: 'the odds picked {tier}, but the user was over a per-user limit',
  policy: 'the odds picked {tier}, but a rule of the activity turned it into no win',
};

/**
 * The reason a draw ended as it did, from what its row records: with a proof (the `fairness`
 * column), the tier the odds picked and what turned it into no win; before proofs, the choices.
 */
export function whyOf(d: {
  outcome: string;
  riskAction: string | null;
  tier: { name: string } | null;
  fairness?: unknown;
}): string {
  if (d.riskAction === 'FORCE_LOSE') return 'a risk rule made this draw lose (see the risk events)';
  if (d.outcome === 'WIN') return `won ${d.tier?.name ?? 'a tier'} by the odds`;
  const proof = drawFairnessOf(d.fairness) as Partial<DrawFairness> | null;
  const reason = proof?.f ? FALLBACK_REASONS[proof.f] : undefined;
  if (reason) {
    const picked = proof?.t === null || proof?.t === undefined ? 'a tier' : `tier ${proof.t + 1}`;
    return reason.replace('{tier}', picked);
  }
  return 'the odds picked no prize (or the prize picked was out of stock, paced or over a limit)';
}

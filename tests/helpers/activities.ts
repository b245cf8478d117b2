// Live activities for draw tests, built through the same lib functions the API uses.
import { createActivity } from '../../lib/activities/create-activity';
import { publishActivity } from '../../lib/activities/publish-activity';
import type { ActivitySpec, SegmentSpec } from '../../lib/activities/schemas';
import type { EndUser } from '../../lib/auth/user-token';
import { createPrize } from '../../lib/prizes/create-prize';
import { freshTenant } from './fixtures';

export const testActor = { type: 'SYSTEM', id: 'test' } as const;

type TierInput = {
  name?: string;
  probability: number;
  stock: number;
  prizes: { prizeId: string; quantity?: number }[];
  pacing?: 'none' | 'even';
  segments?: SegmentSpec[];
};

export async function createPrizes(
  tenantId: string,
  stocks: number[],
  kind: 'physical' | 'virtual' | 'points' = 'physical',
) {
  const out = [];
  for (const [i, stock] of stocks.entries())
    out.push(await createPrize(tenantId, testActor, { name: `Prize ${i + 1}`, kind, stock }));
  return out;
}

export function specFor(tiers: TierInput[], overrides: Partial<ActivitySpec> = {}): ActivitySpec {
  const now = Date.now();
  return {
    name: 'Test activity',
    gameplay: 'wheel',
    startsAt: new Date(now - 60_000).toISOString(),
    endsAt: new Date(now + 24 * 3600_000).toISOString(),
    timezone: 'Asia/Shanghai',
    limits: { freeDrawsPerDay: 1 },
    tiers: tiers.map((t, i) => ({
      name: t.name ?? `Tier ${i + 1}`,
      probability: t.probability,
      stock: t.stock,
      pacing: t.pacing ?? 'none',
      ...(t.segments ? { segments: t.segments } : {}),
      prizes: t.prizes.map((p) => ({ prizeId: p.prizeId, quantity: p.quantity ?? 1 })),
    })),
    tasks: [],
    materials: {},
    ...overrides,
  };
}

export async function liveActivity(
  tiers: (prizeIds: string[]) => TierInput[],
  {
    stocks = [1000],
    overrides = {} as Partial<ActivitySpec>,
    tenant,
  }: { stocks?: number[]; overrides?: Partial<ActivitySpec>; tenant?: Awaited<ReturnType<typeof freshTenant>> } = {},
) {
  const t = tenant ?? (await freshTenant());
  const prizes = await createPrizes(t.id, stocks);
  const draft = await createActivity(t.id, testActor, specFor(tiers(prizes.map((p) => p.id)), overrides));
  const activity = await publishActivity(t.id, testActor, draft.id);
  return { tenant: t, prizes, activity };
}

export function endUser(tenant: { id: string; slug: string }, userId: string, deviceId?: string): EndUser {
  return { tenantId: tenant.id, tenantSlug: tenant.slug, userId, ...(deviceId ? { deviceId } : {}) };
}

// GET /api/v1/activities/{id}: what an end user may see, odds disclosed as they pick the tier
// now: the time segment in force applied (auto-tuning writes the tier's own odds), the whole
// schedule beside them, and pacing apart, since it can only turn a win into no win. Its texts
// come in the reader's language where the activity and its prizes have them (`lang`: the
// language picked, null when untranslated). Its rows are kept per process while nothing in
// Redis says the activity changed (viewRow below).
import { publicStatus } from '../activity-status';
import type { Prisma } from '@/generated/prisma/client';
import { db } from '../db';
import { AppError } from '../errors';
import { isUuid } from '../ids';
import { drawKeys } from '../draw/keys';
import { localClock } from '../draw/local-day';
import { PROBABILITY_SCALE } from '../draw/probability-scale';
import { FAIRNESS_ALGORITHM } from '../fairness/derive-draw-number';
import { oddsAt, type Segment } from '../draw/segments';
import { nowMs } from '../clock';
import { requestRedis } from '../redis';
import { touchedKey } from '../read-cache/user-records-cache';
import { orUntranslated, pickTranslation, type PrizeTranslation, type SpecTranslation } from '../i18n/translate';

const viewSelect = {
  id: true,
  name: true,
  gameplay: true,
  materials: true,
  translations: true,
  startsAt: true,
  endsAt: true,
  timezone: true,
  status: true,
  configVersion: true,
  freeDrawsPerDay: true,
  maxDrawsPerDay: true,
  maxDrawsTotal: true,
  maxWinsPerUser: true,
  tiers: {
    where: { removedAt: null },
    select: {
      id: true,
      name: true,
      probabilityMicros: true,
      segments: true,
      pacing: true,
      prizes: {
        select: {
          quantity: true,
          prize: { select: { id: true, name: true, kind: true, imageUrl: true, translations: true } },
        },
        orderBy: { prizeId: 'asc' },
      },
    },
    orderBy: { position: 'asc' },
  },
  seeds: { select: { commitment: true }, orderBy: { activeFrom: 'desc' }, take: 1 },
} satisfies Prisma.ActivitySelect;
type ViewRow = Prisma.ActivityGetPayload<{ select: typeof viewSelect }>;

function findViewRow(tenantId: string, activityId: string, draft: boolean): Promise<ViewRow | null> {
  // `draft`: the console's preview, which also shows an activity not yet published.
  const where = { id: activityId, tenantId, ...(draft ? {} : { status: { not: 'DRAFT' as const } }) };
  return db.activity.findFirst({ where, select: viewSelect });
}

/**
 * What every change of a published activity's view moves in Redis: the hot state's version,
 * status, generation, seed and period (lib/draw/activity-state.ts), and the token a change
 * outside them moves (a prize renamed: lib/read-cache/user-records-cache.ts). Null without a hot
 * state, or without Redis: the view is then read from PostgreSQL each time.
 */
async function viewStamp(activityId: string): Promise<{ stamp: string; version: number } | null> {
  try {
    const redis = await requestRedis();
    const [cfg, touched] = await Promise.all([
      redis.hmget(drawKeys(activityId).cfg, 'version', 'status', 'epoch', 'seed', 'startsAt', 'endsAt'),
      redis.get(touchedKey(activityId)),
    ]);
    if (!cfg[0]) return null;
    return { stamp: [...cfg, touched].join('|'), version: Number(cfg[0]) };
  } catch {
    return null;
  }
}

/**
 * The rows of a published activity's view, kept per process while the stamp they were read under
 * holds. The stamp is taken before the rows are read, so a change committed meanwhile moves it
 * and the copy is read again; a change whose hot state moves just before its commit (a live
 * configuration change) shows in Redis a version the rows do not have yet, and such rows are not
 * kept. The age limit only bounds a change this misses.
 */
const VIEW_CACHE_MS = 30_000;
const views = new Map<string, { at: number; stamp: string; row: ViewRow }>();

async function viewRow(tenantId: string, activityId: string, now: number): Promise<ViewRow | null> {
  const key = `${tenantId}:${activityId}`;
  const stamp = await viewStamp(activityId);
  const hit = views.get(key);
  if (stamp && hit && hit.stamp === stamp.stamp && now >= hit.at && now - hit.at < VIEW_CACHE_MS) return hit.row;
  const row = await findViewRow(tenantId, activityId, false);
  if (row && stamp && row.configVersion === stamp.version) {
    if (views.size > 10_000) views.clear();
    views.set(key, { at: now, stamp: stamp.stamp, row });
  } else views.delete(key);
  return row;
}

export async function getPublicActivity(
  tenantId: string,
  activityId: string,
  { languages = [], draft = false, now = nowMs() }: { languages?: string[]; draft?: boolean; now?: number } = {},
) {
  const a = !isUuid(activityId)
    ? null
    : draft
      ? await findViewRow(tenantId, activityId, true)
      : await viewRow(tenantId, activityId, now);
  if (!a) throw new AppError('NOT_FOUND', `activity ${activityId} not found`);
  const { hour, day } = localClock(a.timezone, now);
  const tiers = a.tiers.map((t) => {
    const segments = t.segments as Segment[];
    return { ...t, segments, micros: oddsAt({ probabilityMicros: t.probabilityMicros, segments }, hour, day) };
  });
  const winMicros = tiers.reduce((s, t) => s + t.micros, 0);
  const tr = pickTranslation<SpecTranslation>(a.translations, languages);
  const text = tr?.text ?? {};
  const materials = { ...(a.materials as Record<string, unknown>) };
  if (text.title?.trim()) materials.title = text.title;
  if (text.rulesText?.trim()) materials.rulesText = text.rulesText;
  return {
    id: a.id,
    name: orUntranslated(text.name, a.name),
    lang: tr?.lang ?? null,
    gameplay: a.gameplay.toLowerCase(),
    materials,
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    timezone: a.timezone,
    status: publicStatus(a.status),
    /** The configuration version in force: the one the odds below are of (GET /api/manage/activities/{id}/versions). */
    configVersion: a.configVersion,
    limits: {
      freeDrawsPerDay: a.freeDrawsPerDay,
      maxDrawsPerDay: a.maxDrawsPerDay,
      maxDrawsTotal: a.maxDrawsTotal,
      maxWinsPerUser: a.maxWinsPerUser,
    },
    tiers: tiers.map((t, i) => ({
      id: t.id,
      name: orUntranslated(text.tiers?.[i]?.name, t.name),
      probability: t.micros / PROBABILITY_SCALE,
      baseProbability: t.probabilityMicros / PROBABILITY_SCALE,
      schedule: t.segments.map((s) => ({
        fromHour: s.fromHour,
        toHour: s.toHour,
        ...(s.fromDate ? { fromDate: s.fromDate } : {}),
        ...(s.toDate ? { toDate: s.toDate } : {}),
        probability: s.probabilityMicros / PROBABILITY_SCALE,
      })),
      pacing: t.pacing.toLowerCase(),
      prizes: t.prizes.map((p) => ({
        prizeId: p.prize.id,
        name: orUntranslated(
          pickTranslation<PrizeTranslation>(p.prize.translations, languages)?.text.name,
          p.prize.name,
        ),
        kind: p.prize.kind.toLowerCase(),
        imageUrl: p.prize.imageUrl,
        quantity: p.quantity,
      })),
    })),
    noWinProbability: (PROBABILITY_SCALE - winMicros) / PROBABILITY_SCALE,
    // The seed committed last (docs/fairness.md): the one in use, or after the end the last one used;
    // null for an activity published before seeds that has none yet.
    fairness: { commitment: a.seeds[0]?.commitment ?? null, algorithm: FAIRNESS_ALGORITHM },
  };
}

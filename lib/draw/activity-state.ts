// The hot state of a published activity in Redis: what the draw reads instead of PostgreSQL.
// `cfg` is written last, in the same MULTI as the stock, so a draw sees all or nothing; a
// missing `cfg` means the state is gone (flush, restart) or not built yet, and the activity is
// fenced. Only lib/draw/rebuild-activity.ts builds it; changes go in through write-hot-state.ts.
import type { Prisma } from '@/generated/prisma/client';
import { publicStatus } from '../activity-status';
import { db } from '../db';
import { defineScript, loadLuaScript, type Redis } from '../redis';
import { compileSegments, type Segment } from './segments';
import { drawKeys } from './keys';

export const snapshotSelect = {
  id: true,
  tenantId: true,
  status: true,
  startsAt: true,
  endsAt: true,
  timezone: true,
  configVersion: true,
  stateEpoch: true,
  freeDrawsPerDay: true,
  maxDrawsPerDay: true,
  maxDrawsTotal: true,
  maxWinsPerUser: true,
  claimWindowHours: true,
  // A tier a change took out is no longer drawn.
  tiers: {
    where: { removedAt: null },
    select: {
      id: true,
      name: true,
      probabilityMicros: true,
      stock: true,
      pacing: true,
      segments: true,
      prizes: {
        select: { prizeId: true, quantity: true, prize: { select: { name: true, kind: true } } },
        orderBy: { prizeId: 'asc' },
      },
    },
    orderBy: { position: 'asc' },
  },
  stocks: { select: { prizeId: true, reserved: true, returned: true } },
  // The active fairness seed's id (never the seed): the draw refuses one made with another.
  seeds: { where: { activeTo: null }, select: { id: true }, orderBy: { activeFrom: 'desc' }, take: 1 },
} satisfies Prisma.ActivitySelect;
export type ActivitySnapshot = Prisma.ActivityGetPayload<{ select: typeof snapshotSelect }>;

/** Names and kinds the response needs; the draw itself never reads them. */
export type ActivityView = {
  tiers: Record<string, { name: string }>;
  prizes: Record<string, { name: string; kind: string }>;
  claimWindowHours: number | null;
  maxBundle: number;
};

export type ActivityMeta = { tenantId: string; timezone: string; version: number; view: ActivityView };

export async function loadActivitySnapshot(activityId: string): Promise<ActivitySnapshot | null> {
  return db.activity.findUnique({ where: { id: activityId }, select: snapshotSelect });
}

/** The draw knows a settled activity as the ended one it is to everyone outside (lib/activity-status.ts). */
export function compileConfig(a: ActivitySnapshot, status: string = publicStatus(a.status)): Record<string, string> {
  const view: ActivityView = {
    tiers: Object.fromEntries(a.tiers.map((t) => [t.id, { name: t.name }])),
    prizes: Object.fromEntries(
      a.tiers.flatMap((t) => t.prizes.map((p) => [p.prizeId, { name: p.prize.name, kind: p.prize.kind }])),
    ),
    claimWindowHours: a.claimWindowHours,
    maxBundle: Math.max(1, ...a.tiers.map((t) => t.prizes.length)),
  };
  return {
    tenantId: a.tenantId,
    timezone: a.timezone,
    status,
    startsAt: String(a.startsAt.getTime()),
    endsAt: String(a.endsAt.getTime()),
    free: String(a.freeDrawsPerDay),
    maxDay: String(a.maxDrawsPerDay ?? -1),
    maxTotal: String(a.maxDrawsTotal ?? -1),
    maxWins: String(a.maxWinsPerUser ?? -1),
    tiers: JSON.stringify(a.tiers.map(compileTier)),
    view: JSON.stringify(view),
    version: String(a.configVersion),
    epoch: String(a.stateEpoch),
    seed: a.seeds[0]?.id ?? '',
  };
}

/** Even pacing lets a tier run ahead of its line by this share of its stock (at least one win). */
export const PACING_BURST_SHARE = 0.01;

/**
 * A tier as the draw reads it: id, odds p in millionths, bundle [[prizeId, qty, coupon?]] (1 for a
 * coupon prize, whose units are the codes of its list: codes-key.lua), time
 * segments s (lib/draw/segments.ts) and, for even pacing, pace = {st: stock, b: burst}.
 */
export function compileTier(t: ActivitySnapshot['tiers'][number]) {
  const segments = t.segments as Segment[];
  return {
    id: t.id,
    p: t.probabilityMicros,
    prizes: t.prizes.map((p): [string, number] | [string, number, 1] =>
      p.prize.kind === 'COUPON' ? [p.prizeId, p.quantity, 1] : [p.prizeId, p.quantity],
    ),
    ...(segments.length ? { s: compileSegments(segments) } : {}),
    ...(t.pacing === 'EVEN' ? { pace: { st: t.stock, b: Math.max(1, Math.ceil(t.stock * PACING_BURST_SHARE)) } } : {}),
  };
}

/** What the records say was issued; `codes`: each coupon prize's codes no win took, in handing-out order. */
export type IssuedCounts = { byTier: Map<string, number>; byPrize: Map<string, number>; codes?: Map<string, string[]> };

/** Codes go into a list in pieces: one command's arguments stay small however big the pool. */
const CODES_CHUNK = 1_000;

const showStateScript = loadLuaScript('lib/draw/lua', 'show-state-unless-changed-2.lua');

/**
 * Writes stock (left = reserved − issued − returned), issued counts and the coupon prizes' code
 * lists, with the config taken away: a state no draw reads until showActivityState shows it.
 */
export async function writeActivityCounts(redis: Redis, a: ActivitySnapshot, issued: IssuedCounts): Promise<void> {
  const k = drawKeys(a.id);
  const stock: Record<string, number> = {};
  const issuedFields: Record<string, number> = {};
  for (const t of a.tiers) {
    const n = issued.byTier.get(t.id) ?? 0;
    stock[`t:${t.id}`] = t.stock - n;
    issuedFields[`t:${t.id}`] = n;
  }
  for (const s of a.stocks) {
    const n = issued.byPrize.get(s.prizeId) ?? 0;
    stock[`p:${s.prizeId}`] = s.reserved - n - s.returned;
    issuedFields[`p:${s.prizeId}`] = n;
  }
  const m = redis.multi().del(k.cfg, k.stock, k.issued).hset(k.stock, stock).hset(k.issued, issuedFields);
  const coupons = new Set(
    a.tiers.flatMap((t) => t.prizes.filter((p) => p.prize.kind === 'COUPON').map((p) => p.prizeId)),
  );
  for (const prizeId of coupons) {
    m.del(k.codes(prizeId));
    const codes = issued.codes?.get(prizeId) ?? [];
    for (let i = 0; i < codes.length; i += CODES_CHUNK) m.rpush(k.codes(prizeId), ...codes.slice(i, i + CODES_CHUNK));
  }
  const results = await m.exec();
  const failed = results?.find(([err]) => err);
  if (failed) throw failed[0];
}

/**
 * Shows the state to draws by writing its config, unless a change was marked since the records
 * were read (show-state-unless-changed-2.lua). False: the state stays missing, to be read again.
 * `seq`: the highest draw number committed (ActivityDrawSeq); the state's draws count on from it.
 */
export async function showActivityState(redis: Redis, a: ActivitySnapshot, seq: number): Promise<boolean> {
  const k = drawKeys(a.id);
  const config = Object.entries({ ...compileConfig(a), seq: String(seq) }).flat();
  const shown = await defineScript(redis, showStateScript)([k.cfg, k.changedWhileMissing], config);
  metaCache.delete(a.id);
  return shown === 1;
}

const META_CACHE_MS = 5_000;
const metaCache = new Map<string, { at: number; meta: ActivityMeta }>();

/** The activity's tenant, zone and view, cached briefly per process; null if Redis has no state. */
export async function activityMeta(redis: Redis, activityId: string, now = Date.now()): Promise<ActivityMeta | null> {
  const hit = metaCache.get(activityId);
  // A clock stepped back makes the age negative: read again rather than trust the entry for that long.
  if (hit && now >= hit.at && now - hit.at < META_CACHE_MS) return hit.meta;
  const [tenantId, timezone, version, view] = await redis.hmget(
    drawKeys(activityId).cfg,
    'tenantId',
    'timezone',
    'version',
    'view',
  );
  if (!tenantId || !timezone || !version || !view) {
    metaCache.delete(activityId);
    return null;
  }
  const meta = { tenantId, timezone, version: Number(version), view: JSON.parse(view) as ActivityView };
  if (metaCache.size > 10_000) metaCache.clear();
  metaCache.set(activityId, { at: now, meta });
  return meta;
}

export function forgetActivityMeta(activityId: string) {
  metaCache.delete(activityId);
}

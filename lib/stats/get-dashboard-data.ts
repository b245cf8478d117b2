// GET /t/{tenant}/activities/{id}/dashboard/data – everything the live dashboard shows, read
// from aggregates only: the StatsBucket rows (per minute, binned for the whole period), the
// active-user HyperLogLogs in Redis, the activity's tiers and pools, and its open alerts.
// Its cost grows with the activity's minutes, never with its draws.
import { hideOperatorIds, operatorRef, type Viewer } from '../audit/operator-privacy';
import { publicStatus } from '../activity-status';
import { db } from '../db';
import { requestRedis } from '../redis';
import type { AlertSeverity } from '../alerts/list-alerts';
import { getActivityRowOrThrow } from '../activities/get-activity';
import { localClock } from '../draw/local-day';
import { PROBABILITY_SCALE } from '../draw/probability-scale';
import { oddsAt, oddsOverDraws, type HourDraws, type Segment } from '../draw/segments';
import { floorMinute, MINUTE_MS, statsKeys } from './keys';

/** Per-minute charts cover this many minutes up to now. */
export const RECENT_WINDOW_MINUTES = 60;
/** The burn-down splits the period into at most this many steps. */
const BURN_DOWN_STEPS = 96;
const ALERTS_SHOWN = 20;

export type DashboardMinute = {
  minute: string;
  draws: number;
  wins: number;
  newUsers: number;
  activeUsers: number | null;
  chancesGranted: number;
  chancesUsed: number;
  riskEvents: number;
};
export type DashboardTier = {
  id: string;
  name: string;
  position: number;
  /** Configured odds, 0..1: those in force over the draws so far (time segments weighted by draws; lib/draw/segments.ts). */
  probability: number;
  /** The odds that pick the tier now. */
  oddsNow: number;
  /** Share of all draws this tier won, 0..1 (null before any draw). */
  actualShare: number | null;
  stock: number;
  wins: number;
  remaining: number;
  issued: number;
  pacing: 'none' | 'even';
};
export type BurnDownPoint = { at: string; remaining: number | null; pacing: number };
export type DashboardData = {
  generatedAt: string;
  /** When the stats worker last aggregated this activity (and last checked it against the records). */
  aggregatedAt: string | null;
  settledAt: string | null;
  activity: {
    id: string;
    name: string;
    status: string;
    startsAt: string;
    endsAt: string;
    timezone: string;
    configVersion: number;
  };
  totals: {
    draws: number;
    wins: number;
    uniqueUsers: number;
    activeUsersLastHour: number | null;
    chancesGranted: number;
    chancesUsed: number;
    freeDraws: number;
    riskEvents: number;
  };
  perMinute: DashboardMinute[];
  /** Page views → players → draws → wins → claims → shipped: where a campaign loses its people. */
  funnel: { pageViews: number; players: number; draws: number; wins: number; claimed: number; shipped: number };
  /** Prize value (minor units): planned is every tier's stock won, issued is what was won so far. */
  budget: { plannedMinor: number; issuedMinor: number };
  tiers: DashboardTier[];
  burnDown: { tierId: string; points: BurnDownPoint[] }[];
  stock: { prizeId: string; name: string; reserved: number; issued: number; returned: number; remaining: number }[];
  alerts: { id: string; kind: string; severity: AlertSeverity; message: string; createdAt: string }[];
  /** The latest changes to the activity and its tiers (by operators, API keys and auto-tuning), newest first. */
  changes: {
    id: string;
    action: string;
    objectType: string;
    objectName: string;
    actorType: string;
    actorId: string | null;
    before: unknown;
    after: unknown;
    createdAt: string;
  }[];
};

const CHANGES_SHOWN = 8;

type Bin = {
  bin: number;
  draws: number;
  wins: number;
  newUsers: number;
  chancesGranted: number;
  chancesUsed: number;
  riskEvents: number;
  winsByTier: Record<string, number> | null;
};

/** `viewer`: an analyst reads who changed what as stand-ins (lib/audit/operator-privacy.ts). */
export async function getDashboardData(
  tenantId: string,
  givenId: string,
  { now = Date.now(), viewer }: { now?: number; viewer?: Viewer } = {},
): Promise<DashboardData> {
  const a = await getActivityRowOrThrow(tenantId, givenId);
  // Redis keys and audit rows are found by the id as the row spells it.
  const activityId = a.id;
  const startsAt = a.startsAt.getTime();
  const endsAt = a.endsAt.getTime();
  const stepMinutes = Math.max(1, Math.ceil((endsAt - startsAt) / MINUTE_MS / BURN_DOWN_STEPS));
  const recentFrom = floorMinute(now) - (RECENT_WINDOW_MINUTES - 1) * MINUTE_MS;

  const tierNames = new Map(a.tiers.map((t) => [t.id, t.name] as const));
  const withSegments = a.tiers.map((t) => ({ ...t, segments: t.segments as Segment[] }));
  const segmented = withSegments.some((t) => t.segments.length > 0);
  const [bins, recent, alerts, hot, changes, drawsByHour, fulfilled, views] = await Promise.all([
    // The whole activity in at most ~BURN_DOWN_STEPS bins; their sums are the totals.
    db.$queryRawUnsafe<Bin[]>(
      `WITH b AS (
         SELECT date_bin(make_interval(mins => $3::int), minute, $2::timestamp(3)) AS bin, draws, wins, "newUsers", "chancesGranted", "chancesUsed", "riskEvents", "winsByTier"
         FROM "StatsBucket" WHERE "activityId" = $1::uuid
       ), sums AS (
         SELECT bin, sum(draws)::int AS draws, sum(wins)::int AS wins, sum("newUsers")::int AS "newUsers",
                sum("chancesGranted")::int AS "chancesGranted", sum("chancesUsed")::int AS "chancesUsed", sum("riskEvents")::int AS "riskEvents"
         FROM b GROUP BY bin
       ), tw AS (
         SELECT bin, jsonb_object_agg(tier, n) AS "winsByTier"
         FROM (SELECT bin, e.key AS tier, sum(e.value::int)::int AS n FROM b, jsonb_each_text(b."winsByTier") e GROUP BY 1, 2) x
         GROUP BY bin
       )
       SELECT (floor(extract(epoch FROM sums.bin - $2::timestamp(3)) / 60 / $3::int))::int AS bin,
              sums.draws, sums.wins, sums."newUsers", sums."chancesGranted", sums."chancesUsed", sums."riskEvents", tw."winsByTier"
       FROM sums LEFT JOIN tw USING (bin) ORDER BY sums.bin`,
      activityId,
      a.startsAt.toISOString(),
      stepMinutes,
    ),
    db.$queryRawUnsafe<(Omit<Bin, 'bin' | 'winsByTier'> & { minuteMs: number })[]>(
      `SELECT (extract(epoch FROM minute) * 1000)::float8 AS "minuteMs", draws, wins, "newUsers", "chancesGranted", "chancesUsed", "riskEvents"
       FROM "StatsBucket" WHERE "activityId" = $1::uuid AND minute >= $2::timestamp(3) ORDER BY minute`,
      activityId,
      new Date(recentFrom).toISOString(),
    ),
    db.alert.findMany({
      where: { tenantId, activityId, acknowledgedAt: null },
      select: { id: true, kind: true, severity: true, message: true, createdAt: true },
      orderBy: [{ severity: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }],
      take: ALERTS_SHOWN,
    }),
    readHotFigures(activityId, recentFrom),
    // Indexed by (tenantId, objectType, objectId): a handful of objects, the newest few rows. A
    // change made live is audited on its Change when applied: the latest applied ones count too.
    db.change
      .findMany({
        where: { tenantId, activityId, status: 'APPLIED' },
        select: { id: true },
        orderBy: { appliedAt: 'desc' },
        take: CHANGES_SHOWN,
      })
      .then((applied) =>
        db.auditLog.findMany({
          where: {
            tenantId,
            OR: [
              { objectType: 'Activity', objectId: activityId },
              { objectType: 'Tier', objectId: { in: [...tierNames.keys()] } },
              { objectType: 'Change', objectId: { in: applied.map((c) => c.id) }, action: 'change.apply' },
            ],
          },
          orderBy: { id: 'desc' },
          take: CHANGES_SHOWN,
        }),
      ),
    // Only time segments make the odds differ by hour: then the draws per local hour weigh them.
    segmented
      ? db.$queryRaw<HourDraws[]>`
          SELECT extract(hour FROM local)::int AS hour, to_char(local, 'YYYY-MM-DD') AS day, sum(draws)::int AS n
          FROM (SELECT (minute AT TIME ZONE 'UTC') AT TIME ZONE ${a.timezone} AS local, draws
                FROM "StatsBucket" WHERE "activityId" = ${activityId}::uuid) m
          GROUP BY 1, 2`
      : [],
    fulfilmentCounts(activityId, now),
    db.activity.findUniqueOrThrow({ where: { id: activityId }, select: { pageViews: true } }),
  ]);

  const sum = (f: (b: Bin) => number) => bins.reduce((s, b) => s + f(b), 0);
  const totals = {
    draws: sum((b) => b.draws),
    wins: sum((b) => b.wins),
    uniqueUsers: sum((b) => b.newUsers),
    activeUsersLastHour: hot.activeLastHour,
    chancesGranted: sum((b) => b.chancesGranted),
    chancesUsed: sum((b) => b.chancesUsed),
    riskEvents: sum((b) => b.riskEvents),
    freeDraws: 0,
  };
  totals.freeDraws = totals.draws - totals.chancesUsed;
  const tierWins = (tierId: string, untilBin = Infinity) =>
    bins.reduce((s, b) => s + (b.bin < untilBin ? (b.winsByTier?.[tierId] ?? 0) : 0), 0);

  const byMinute = new Map(recent.map((r) => [r.minuteMs, r]));
  const perMinute: DashboardMinute[] = Array.from({ length: RECENT_WINDOW_MINUTES }, (_, i) => {
    const minuteMs = recentFrom + i * MINUTE_MS;
    const r = byMinute.get(minuteMs);
    return {
      minute: new Date(minuteMs).toISOString(),
      draws: r?.draws ?? 0,
      wins: r?.wins ?? 0,
      newUsers: r?.newUsers ?? 0,
      activeUsers: hot.activePerMinute ? hot.activePerMinute[i]! : null,
      chancesGranted: r?.chancesGranted ?? 0,
      chancesUsed: r?.chancesUsed ?? 0,
      riskEvents: r?.riskEvents ?? 0,
    };
  });

  const clock = localClock(a.timezone, now);
  const tiers: DashboardTier[] = withSegments.map((t) => {
    const wins = tierWins(t.id);
    return {
      id: t.id,
      name: t.name,
      position: t.position,
      probability: oddsOverDraws(t, drawsByHour, a.timezone, now) / PROBABILITY_SCALE,
      oddsNow: oddsAt(t, clock.hour, clock.day) / PROBABILITY_SCALE,
      actualShare: totals.draws > 0 ? wins / totals.draws : null,
      stock: t.stock,
      wins,
      remaining: t.stock - wins,
      issued: t.issued,
      pacing: t.pacing === 'EVEN' ? 'even' : 'none',
    };
  });

  // Burn-down: remaining tier stock at the end of each step, against the even-pacing line
  // stock·(1 − elapsed/period); the actual line stops at now.
  const steps = Math.ceil((endsAt - startsAt) / (stepMinutes * MINUTE_MS));
  const nowStep = Math.min(steps, Math.max(0, Math.floor((now - startsAt) / (stepMinutes * MINUTE_MS)) + 1));
  const burnDown = a.tiers.map((t) => ({
    tierId: t.id,
    points: Array.from({ length: steps + 1 }, (_, i): BurnDownPoint => {
      const at = Math.min(endsAt, startsAt + i * stepMinutes * MINUTE_MS);
      const elapsed = (at - startsAt) / (endsAt - startsAt);
      const observed = i <= nowStep && (i === 0 || startsAt + (i - 1) * stepMinutes * MINUTE_MS < now);
      return {
        at: new Date(at).toISOString(),
        remaining: observed ? t.stock - tierWins(t.id, i) : null,
        pacing: Math.round(t.stock * (1 - elapsed) * 100) / 100,
      };
    }),
  }));

  const prizeNames = new Map(a.tiers.flatMap((t) => t.prizes.map((p) => [p.prizeId, p.prize.name] as const)));
  return {
    generatedAt: new Date(now).toISOString(),
    aggregatedAt: hot.recentAt ? new Date(hot.recentAt).toISOString() : null,
    settledAt: hot.settledAt ? new Date(hot.settledAt).toISOString() : null,
    activity: {
      id: a.id,
      name: a.name,
      status: publicStatus(a.status),
      startsAt: a.startsAt.toISOString(),
      endsAt: a.endsAt.toISOString(),
      timezone: a.timezone,
      configVersion: a.configVersion,
    },
    totals,
    perMinute,
    funnel: {
      pageViews: views.pageViews,
      players: totals.uniqueUsers,
      draws: totals.draws,
      wins: totals.wins,
      claimed: fulfilled.claimed,
      shipped: fulfilled.shipped,
    },
    budget: {
      plannedMinor: a.tiers.reduce((sum, t) => sum + t.stock * unitValueMinor(t), 0),
      issuedMinor: tiers.reduce((sum, t, i) => sum + t.wins * unitValueMinor(a.tiers[i]!), 0),
    },
    tiers,
    burnDown,
    stock: a.stocks
      .map((s) => ({
        prizeId: s.prizeId,
        name: prizeNames.get(s.prizeId) ?? s.prizeId,
        reserved: s.reserved,
        issued: s.issued,
        returned: s.returned,
        remaining: s.reserved - s.issued - s.returned,
      }))
      .sort((x, y) => x.name.localeCompare(y.name)),
    alerts: alerts.map((al) => ({
      id: al.id,
      kind: al.kind,
      severity: al.severity,
      message: al.message,
      createdAt: al.createdAt.toISOString(),
    })),
    changes: changes.map((c) => {
      const operatorIds = new Set(c.actorType === 'OPERATOR' && c.actorId ? [c.actorId] : []);
      return {
        id: c.id.toString(),
        action: c.action,
        objectType: c.objectType,
        objectName: c.objectType === 'Tier' ? (tierNames.get(c.objectId) ?? 'a tier') : a.name,
        actorType: c.actorType,
        actorId: c.actorType === 'OPERATOR' && c.actorId ? operatorRef(viewer, c.actorId) : c.actorId,
        before: hideOperatorIds(viewer, c.before, operatorIds),
        after: hideOperatorIds(viewer, c.after, operatorIds),
        createdAt: c.createdAt.toISOString(),
      };
    }),
  };
}

/** Prize value of one win of a tier: Σ value × quantity of its prizes. */
const unitValueMinor = (t: { prizes: { quantity: number; prize: { valueMinor: number } }[] }) =>
  t.prizes.reduce((sum, p) => sum + p.quantity * p.prize.valueMinor, 0);

// Claims and shipments are counted from the Win rows: a read that grows with the wins, so each
// process keeps an activity's counts for a while rather than recounting on every refresh.
const FULFILMENT_CACHE_MS = 30_000;
const fulfilmentCache = new Map<string, { at: number; counts: { claimed: number; shipped: number } }>();

async function fulfilmentCounts(activityId: string, now: number) {
  const hit = fulfilmentCache.get(activityId);
  if (hit && now >= hit.at && now - hit.at < FULFILMENT_CACHE_MS) return hit.counts;
  const [row] = await db.$queryRaw<{ claimed: number; shipped: number }[]>`
    SELECT count(*) FILTER (WHERE "claimedAt" IS NOT NULL)::int AS claimed,
           count(*) FILTER (WHERE "shippedAt" IS NOT NULL)::int AS shipped
    FROM "Win" WHERE "activityId" = ${activityId}::uuid`;
  const counts = { claimed: row?.claimed ?? 0, shipped: row?.shipped ?? 0 };
  if (fulfilmentCache.size > 1_000) fulfilmentCache.clear();
  fulfilmentCache.set(activityId, { at: now, counts });
  return counts;
}

/** HLL estimates and the worker's timestamps; null figures when Redis cannot answer now. */
async function readHotFigures(activityId: string, recentFrom: number) {
  const k = statsKeys(activityId);
  const keys = Array.from({ length: RECENT_WINDOW_MINUTES }, (_, i) => k.activeUsers(recentFrom + i * MINUTE_MS));
  try {
    const redis = await requestRedis();
    const p = redis.pipeline();
    for (const key of keys) p.pfcount(key);
    p.pfcount(...keys);
    p.hmget(k.meta, 'recentAt', 'settledAt');
    const replies = (await p.exec()) ?? [];
    const values = replies.map(([err, v]) => {
      if (err) throw err;
      return v;
    });
    const [recentAt, settledAt] = values[keys.length + 1] as (string | null)[];
    return {
      activePerMinute: values.slice(0, keys.length) as number[],
      activeLastHour: values[keys.length] as number,
      recentAt: recentAt ? Number(recentAt) : null,
      settledAt: settledAt ? Number(settledAt) : null,
    };
  } catch {
    return { activePerMinute: null, activeLastHour: null, recentAt: null, settledAt: null };
  }
}

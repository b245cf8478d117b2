// A digest of everything a tenant's requests can change, part by part, so "a refused request
// changed nothing" is checked and a change is named. It covers the books and settings in
// PostgreSQL and the hot state in Redis. Left out on purpose, because they move by themselves or
// are meant to record refusals: figures the workers write back or aggregate (issued counters,
// Participation, StatsBucket, Alerts (reconciliation raises them again, unacknowledged, while
// a drift lasts), RiskEvent rows and rate-limit counters (a refused draw
// is a risk event), API keys' lastUsedAt, idempotent results (they expire), and audit rows of
// sign-in attempts.
import { createHash } from 'node:crypto';

/** Part name → hash, and the rows of the parts that keep theirs. */
export type Digest = Record<string, string>;

const rowsOf = new WeakMap<Digest, Record<string, string>>();

const PARTS: Record<string, string> = {
  tenant: `SELECT name, "userTokenSecret", "webhookSecret" FROM "Tenant" WHERE id = $1`,
  // Not failingSince or enabled: the deliveries worker moves them by itself.
  webhookEndpoints: `SELECT id, url, events, secret, fulfilment FROM "WebhookEndpoint" WHERE "tenantId" = $1`,
  activities: `SELECT id, status, name, gameplay, "startsAt", "endsAt", timezone, materials, "freeDrawsPerDay",
      "maxDrawsPerDay", "maxDrawsTotal", "maxWinsPerUser", "claimWindowHours", "fixedWinners", "pauseOnDrift",
      "configVersion", "stateEpoch", version, "publishedAt", "endedAt"
    FROM "Activity" WHERE "tenantId" = $1`,
  tiers: `SELECT id, "activityId", name, position, "probabilityMicros", stock, pacing, "perUserLimit", segments,
      "autoTuneMinMicros", "autoTuneMaxMicros"
    FROM "Tier" WHERE "tenantId" = $1`,
  tierPrizes: `SELECT tp.id, tp."tierId", tp."prizeId", tp.quantity, tp.weight
    FROM "TierPrize" tp JOIN "Tier" t ON t.id = tp."tierId" WHERE t."tenantId" = $1`,
  tasks: `SELECT id, "activityId", kind, name, "eventType", "confirmBy", chances, "perDay", total, position
    FROM "Task" WHERE "tenantId" = $1`,
  prizes: `SELECT id, name, kind, "valueMinor", "imageUrl", description, "availableStock", version
    FROM "Prize" WHERE "tenantId" = $1`,
  pools: `SELECT id, "activityId", "prizeId", reserved, returned FROM "ActivityStock" WHERE "tenantId" = $1`,
  ledger: `SELECT count(*), coalesce(sum("poolDelta"), 0), coalesce(sum("activityDelta"), 0),
      coalesce(sum("returnedDelta"), 0)
    FROM "StockMovement" WHERE "tenantId" = $1 AND kind <> 'ISSUE'`,
  chanceGrants: `SELECT count(*), coalesce(sum(chances), 0), max(id) FROM "ChanceGrant" WHERE "tenantId" = $1`,
  externalEvents: `SELECT count(*) FROM "ExternalEvent" WHERE "tenantId" = $1`,
  draws: `SELECT count(*), max("createdAt") FROM "Draw" WHERE "tenantId" = $1`,
  wins: `SELECT id, status, quantity, "claimName", "claimPhone", "claimAddress", carrier, "trackingNumber", "voidReason"
    FROM "Win" WHERE "tenantId" = $1`,
  couponCodes: `SELECT id, "winId" FROM "CouponCode" WHERE "tenantId" = $1`,
  riskRules: `SELECT id, "activityId", kind, action, params, enabled FROM "RiskRule" WHERE "tenantId" = $1`,
  riskLists: `SELECT id, kind, value, reason FROM "RiskListEntry" WHERE "tenantId" = $1`,
  apiKeys: `SELECT id, name, "revokedAt" FROM "ApiKey" WHERE "tenantId" = $1`,
  members: `SELECT m."operatorId", m.role, o.name, o."passwordHash"
    FROM "Membership" m JOIN "Operator" o ON o.id = m."operatorId" WHERE m."tenantId" = $1`,
  invitations: `SELECT id, email, role, "acceptedAt", "expiresAt" FROM "Invitation" WHERE "tenantId" = $1`,
  audit: `SELECT count(*) FROM "AuditLog"
    WHERE "tenantId" = $1 AND action NOT ILIKE '%sign%in%' AND action NOT ILIKE '%login%'`,
};

/** Parts small enough to keep their rows, so a change can be shown row by row. */
const KEPT = new Set([
  'tenant',
  'activities',
  'tiers',
  'tasks',
  'prizes',
  'pools',
  'ledger',
  'chanceGrants',
  'draws',
  'riskRules',
  'apiKeys',
  'members',
  'invitations',
  'audit',
]);

const SQL = `SELECT ${Object.entries(PARTS)
  .map(
    ([name, q]) =>
      (KEPT.has(name)
        ? `(SELECT coalesce(string_agg(r::text, E'\\n' ORDER BY r::text), '') FROM (${q}) r)`
        : `(SELECT md5(coalesce(string_agg(r::text, '|' ORDER BY r::text), '')) FROM (${q}) r)`) + ` AS "${name}"`,
  )
  .join(',\n')}`;

export type RedisScope = { prefix: string; tenantId: string; activityIds: string[]; users: string[] };

/** The tenant's parts, each a hash of its rows or keys. */
export async function tenantDigest(scope: RedisScope): Promise<Digest> {
  const { db } = await import('../../lib/db');
  const [row] = await db.$queryRawUnsafe<Record<string, string>[]>(SQL, scope.tenantId);
  const digest: Digest = {};
  for (const [k, v] of Object.entries(row!)) digest[k] = KEPT.has(k) ? hash(v) : v;
  Object.assign(digest, await redisDigest(scope));
  rowsOf.set(digest, row!);
  return digest;
}

async function redisDigest({ prefix, tenantId, activityIds, users }: RedisScope): Promise<Digest> {
  const { requestRedis } = await import('../../lib/redis');
  const redis = await requestRedis();
  const m = redis.multi();
  const names: string[] = [];
  for (const id of activityIds) {
    for (const part of ['cfg', 'stock', 'issued']) {
      m.hgetall(`${prefix}:{act:${id}}:${part}`);
      names.push(`redis ${part} of ${id}`);
    }
    for (const u of users) {
      m.hgetall(`${prefix}:{act:${id}}:u:${u}`);
      names.push(`redis user ${JSON.stringify(u)} of ${id}`);
    }
  }
  const risk = `${prefix}:{risk:${tenantId}}`;
  m.get(`${risk}:rules`);
  names.push('redis risk rules');
  for (const kind of ['user', 'device', 'ip']) {
    m.smembers(`${risk}:bl:${kind}`);
    names.push(`redis blacklist ${kind}`);
  }
  const results = (await m.exec()) ?? [];
  const out: Digest = {};
  results.forEach(([err, value], i) => {
    const normal = Array.isArray(value)
      ? [...(value as string[])].sort()
      : value && typeof value === 'object'
        ? Object.entries(value).sort()
        : value;
    out[names[i]!] = hash(err ? `error ${String(err)}` : JSON.stringify(normal));
  });
  return out;
}

const hash = (s: string) => createHash('sha1').update(s).digest('hex').slice(0, 16);

/** The parts that differ, each with the first row that changed where the rows were kept. */
export function changedParts(before: Digest, after: Digest): string[] {
  const b = rowsOf.get(before);
  const a = rowsOf.get(after);
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((k) => before[k] !== after[k])
    .map((k) => {
      if (!b?.[k] && !a?.[k]) return k;
      const was = new Set((b?.[k] ?? '').split('\n'));
      const now = new Set((a?.[k] ?? '').split('\n'));
      const gone = [...was].find((r) => !now.has(r));
      const came = [...now].find((r) => !was.has(r));
      if (gone && came) {
        const [x, y] = around(gone, came);
        return `${k} (row ${gone.slice(0, 40)}…: was ${x}, now ${y})`;
      }
      return `${k} (${gone ? `row gone: ${gone.slice(0, 300)}` : `row added: ${came?.slice(0, 300)}`})`;
    });
}

/** The part of two rows that differs, with a little context. */
function around(a: string, b: string): [string, string] {
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let q = 0;
  while (q < a.length - p && q < b.length - p && a[a.length - 1 - q] === b[b.length - 1 - q]) q++;
  const cut = (s: string) => `…${s.slice(Math.max(0, p - 30), s.length - q + 30)}…`;
  return [cut(a), cut(b)];
}

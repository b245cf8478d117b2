// The fuzz's tenants. Each lane drives one tenant of its own (prizes, a live activity with tasks,
// a draft, risk rules, an open alert, members of every role), one request at a time, so a
// refused request can be checked against that tenant's state before and after it. A bystander
// tenant that no lane drives lends its ids, tokens and keys to cross-tenant attacks; its state
// must never move.
import { createHmac, randomBytes, scryptSync } from 'node:crypto';
import type { Actor } from '../../lib/audit/write-audit-log';

export const PASSWORD = 'fuzz-password-0123';

/**
 * The fixture operators' password hash, in lib/auth/password.ts's self-describing format with a
 * small cost: signing in checks it as it checks any other, without a hundred milliseconds of
 * scrypt per fixture. Operators the fuzz invites choose theirs through the console.
 */
const PASSWORD_HASH = (() => {
  const salt = randomBytes(16);
  const [n, r, p] = [1024, 8, 1];
  const hash = scryptSync(PASSWORD.normalize('NFKC'), salt, 32, { N: n, r, p });
  return ['scrypt', n, r, p, salt.toString('base64url'), hash.toString('base64url')].join('$');
})();
export const SYSTEM: Actor = { type: 'SYSTEM', id: 'fuzz' };
const DAY_MS = 86_400_000;

/** A JWT signed here, synchronously, so hostile headers and claims are as easy as valid ones. */
export function signJwt(header: Record<string, unknown>, payload: Record<string, unknown>, secret: string): string {
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const input = `${part(header)}.${part(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

export function userToken(secret: string, claims: Record<string, unknown>, ttlSeconds = 3_600): string {
  const now = Math.floor(Date.now() / 1000);
  return signJwt({ alg: 'HS256', typ: 'JWT' }, { iat: now, exp: now + ttlSeconds, ...claims }, secret);
}

export type ActivityView = {
  id: string;
  status: string;
  version: number;
  /** Prizes of the activity's tiers (its pools once published). */
  prizeIds: string[];
  tiers: { id: string; probability: number; stock: number }[];
  tasks: { id: string; kind: string; eventType: string | null }[];
};

/** What the lane's generators pick from, re-read from PostgreSQL as the run changes it. */
export type TenantView = {
  activities: ActivityView[];
  prizes: { id: string; kind: string }[];
  wins: { id: string; status: string; userId: string; kind: string }[];
  riskRules: { id: string; enabled: boolean }[];
  riskEntries: { id: string }[];
  alerts: { id: string }[];
  apiKeys: { id: string; revoked: boolean }[];
  invitations: { id: string }[];
  members: { operatorId: string; role: string }[];
  webhookEndpoints: { id: string }[];
  webhookDeliveries: { id: string; endpointId: string }[];
};

export type Tenant = {
  id: string;
  slug: string;
  userTokenSecret: string;
  webhookSecret: string;
  apiKey: string;
  apiKeyId: string;
  revokedApiKey: string;
  owner: Person;
  analyst: Person;
  operator: Person;
  /** Cookie header values of signed-in console sessions, by role. */
  sessions: { owner: string; analyst: string; operator: string };
  users: string[];
  inviteTokens: string[];
  view: TenantView;
};

export type Person = { id: string; email: string };
/** One operator for each role; the lanes' tenants share theirs, so the run signs in only a few. */
export type Staff = { owner: Person; operator: Person; analyst: Person };

/** Operators with the fixtures' password, one per role, not yet a member of any tenant. */
export async function createStaff(name: string): Promise<Staff> {
  const { db } = await import('../../lib/db');
  const person = async (role: string): Promise<Person> => {
    const email = `${role}-${name}@fuzz.test`;
    const op = await db.operator.create({
      data: { email, name: `Fuzz ${role}`, passwordHash: PASSWORD_HASH },
      select: { id: true },
    });
    return { id: op.id, email };
  };
  return { owner: await person('owner'), operator: await person('operator'), analyst: await person('analyst') };
}

export async function createTenant(slug: string, users: string[], staff: Staff): Promise<Tenant> {
  const { db } = await import('../../lib/db');
  const { ensureTenant } = await import('../../lib/tenancy/ensure-tenant');
  const { createApiKey, revokeApiKey } = await import('../../lib/auth/api-keys');
  const { createPrize } = await import('../../lib/prizes/create-prize');
  const { createRiskRule, addRiskListEntries } = await import('../../lib/risk/manage-risk');
  const { inviteMember } = await import('../../lib/tenancy/invite-member');

  const tenant = await ensureTenant(slug, `Fuzz ${slug}`);
  const { key: apiKey, apiKey: keyRow } = await createApiKey(tenant.id, SYSTEM, 'fuzz');
  const revoked = await createApiKey(tenant.id, SYSTEM, 'fuzz revoked');
  await revokeApiKey(tenant.id, SYSTEM, revoked.apiKey.id);
  const { owner, operator, analyst } = staff;
  await db.membership.createMany({
    data: [
      { tenantId: tenant.id, operatorId: owner.id, role: 'OWNER' },
      { tenantId: tenant.id, operatorId: operator.id, role: 'OPERATOR' },
      { tenantId: tenant.id, operatorId: analyst.id, role: 'ANALYST' },
    ],
  });

  const prizes = {
    physical: await createPrize(tenant.id, SYSTEM, {
      name: 'Fuzz tote bag',
      kind: 'physical',
      stock: 1_000_000,
      value: 39,
    }),
    points: await createPrize(tenant.id, SYSTEM, { name: 'Fuzz points', kind: 'points', stock: 10_000_000 }),
    virtual: await createPrize(tenant.id, SYSTEM, { name: 'Fuzz voucher', kind: 'virtual', stock: 1_000_000 }),
    coupon: await createPrize(tenant.id, SYSTEM, { name: 'Fuzz coupon', kind: 'coupon', stock: 0 }),
  };
  await ensureLiveActivity(tenant.id, [prizes.physical.id, prizes.points.id, prizes.virtual.id]);
  await createDraft(tenant.id, [prizes.physical.id, prizes.points.id]);
  await createRiskRule(tenant.id, SYSTEM, {
    kind: 'rate_limit_user',
    limit: 100_000,
    windowSeconds: 60,
    action: 'rate_limited',
    enabled: true,
  });
  await addRiskListEntries(tenant.id, SYSTEM, { kind: 'user', values: ['fuzz-blocked-user'] });
  await db.alert.create({
    data: { tenantId: tenant.id, kind: 'fuzz', severity: 'INFO', message: 'an alert for the fuzz to acknowledge' },
  });
  const invitation = await inviteMember(tenant.id, SYSTEM, { email: `invitee-${slug}@fuzz.test`, role: 'ANALYST' });

  const secrets = await db.tenant.findUniqueOrThrow({
    where: { id: tenant.id },
    select: { userTokenSecret: true, webhookSecret: true },
  });
  const t: Tenant = {
    id: tenant.id,
    slug,
    ...secrets,
    apiKey,
    apiKeyId: keyRow.id,
    revokedApiKey: revoked.key,
    owner,
    analyst,
    operator,
    sessions: { owner: '', analyst: '', operator: '' },
    users,
    inviteTokens: [invitation.token],
    view: emptyView(),
  };
  await refreshTenant(t);
  return t;
}

function emptyView(): TenantView {
  return {
    activities: [],
    prizes: [],
    wins: [],
    riskRules: [],
    riskEntries: [],
    alerts: [],
    apiKeys: [],
    invitations: [],
    members: [],
    webhookEndpoints: [],
    webhookDeliveries: [],
  };
}

/** A spec the platform accepts: three tiers that win often, tasks that grant chances freely. */
/** Each tier of a fuzz wheel holds this much of its prize. */
const TIER_STOCK = 100_000;

export function liveSpec(prizeIds: string[], { startsAt = Date.now() - 3_600_000, name = 'Fuzz wheel' } = {}) {
  const probabilities = [0.1, 0.2, 0.1];
  return {
    name,
    gameplay: 'wheel' as const,
    startsAt: new Date(startsAt).toISOString(),
    endsAt: new Date(Date.now() + 30 * DAY_MS).toISOString(),
    timezone: 'Asia/Shanghai',
    limits: { freeDrawsPerDay: 5, maxDrawsPerDay: 100_000 },
    tiers: prizeIds.map((prizeId, i) => ({
      name: `Tier ${i + 1}`,
      probability: probabilities[i] ?? 0.05,
      stock: TIER_STOCK,
      pacing: 'none' as const,
      prizes: [{ prizeId, quantity: 1 }],
    })),
    tasks: [
      { kind: 'sign_in' as const, name: 'Check in', chances: 1, perDay: 1_000 },
      { kind: 'share' as const, name: 'Share', chances: 2, perDay: 1_000 },
      { kind: 'event' as const, eventType: 'post_created', name: 'Post', chances: 1, perDay: 1_000 },
    ],
    materials: { title: 'Fuzz wheel', themeColor: '#e11d48' },
  };
}

async function ensureLiveActivity(tenantId: string, prizeIds: string[]) {
  const { createActivity } = await import('../../lib/activities/create-activity');
  const { publishActivity } = await import('../../lib/activities/publish-activity');
  await keepPrizesStocked(tenantId, prizeIds);
  const activity = await createActivity(tenantId, SYSTEM, liveSpec(prizeIds));
  await publishActivity(tenantId, SYSTEM, activity.id);
  return activity.id;
}

/**
 * A long run publishes many wheels, each holding TIER_STOCK of every prize, and takes stock away
 * through the API it fuzzes: before a new wheel, each prize is restocked (through lib) to ten
 * wheels' worth, so the lane stays playable however long it runs.
 */
async function keepPrizesStocked(tenantId: string, prizeIds: string[]) {
  const { db } = await import('../../lib/db');
  const { restockPrize } = await import('../../lib/prizes/restock-prize');
  const prizes = await db.prize.findMany({
    where: { tenantId, id: { in: prizeIds } },
    select: { id: true, availableStock: true },
  });
  for (const prize of prizes) {
    if (prize.availableStock >= TIER_STOCK) continue;
    await restockPrize(tenantId, SYSTEM, prize.id, { quantity: 10 * TIER_STOCK - prize.availableStock });
  }
}

async function createDraft(tenantId: string, prizeIds: string[]) {
  const { createActivity } = await import('../../lib/activities/create-activity');
  return (
    await createActivity(tenantId, SYSTEM, {
      ...liveSpec(prizeIds, { startsAt: Date.now() + DAY_MS, name: 'Fuzz draft' }),
      tasks: [],
    })
  ).id;
}

/**
 * Re-reads what the generators pick from, and keeps the lane playable: a live activity to draw
 * in, a working API key, its owner an owner, its secrets current. Repairs go through lib, not
 * the API under test, and are counted apart.
 */
export async function refreshTenant(t: Tenant): Promise<string[]> {
  const { db } = await import('../../lib/db');
  const repairs: string[] = [];
  const read = async () => {
    const [endpoints, deliveries] = await Promise.all([
      db.webhookEndpoint.findMany({ where: { tenantId: t.id }, select: { id: true }, take: 40 }),
      db.webhookDelivery.findMany({
        where: { tenantId: t.id },
        select: { id: true, endpointId: true },
        orderBy: { createdAt: 'desc' },
        take: 40,
      }),
    ]);
    const [activities, prizes, wins, riskRules, riskEntries, alerts, apiKeys, invitations, members, secrets] =
      await Promise.all([
        db.activity.findMany({
          where: { tenantId: t.id },
          select: {
            id: true,
            status: true,
            version: true,
            tasks: { select: { id: true, kind: true, eventType: true } },
            tiers: {
              select: { id: true, probabilityMicros: true, stock: true, prizes: { select: { prizeId: true } } },
              orderBy: { position: 'asc' },
            },
          },
          orderBy: { createdAt: 'desc' },
          take: 40,
        }),
        db.prize.findMany({
          where: { tenantId: t.id },
          select: { id: true, kind: true },
          orderBy: { createdAt: 'asc' },
          take: 40,
        }),
        db.win.findMany({
          where: { tenantId: t.id },
          select: { id: true, status: true, userId: true, prize: { select: { kind: true } } },
          orderBy: { createdAt: 'desc' },
          take: 200,
        }),
        db.riskRule.findMany({ where: { tenantId: t.id }, select: { id: true, enabled: true }, take: 40 }),
        db.riskListEntry.findMany({ where: { tenantId: t.id }, select: { id: true }, take: 40 }),
        db.alert.findMany({ where: { tenantId: t.id }, select: { id: true }, take: 40 }),
        db.apiKey.findMany({ where: { tenantId: t.id }, select: { id: true, revokedAt: true }, take: 40 }),
        db.invitation.findMany({ where: { tenantId: t.id, acceptedAt: null }, select: { id: true }, take: 40 }),
        db.membership.findMany({ where: { tenantId: t.id }, select: { operatorId: true, role: true } }),
        db.tenant.findUniqueOrThrow({ where: { id: t.id }, select: { userTokenSecret: true, webhookSecret: true } }),
      ]);
    t.userTokenSecret = secrets.userTokenSecret;
    t.webhookSecret = secrets.webhookSecret;
    t.view = {
      activities: activities.map((a) => ({
        id: a.id,
        status: a.status,
        version: a.version,
        tasks: a.tasks,
        prizeIds: [...new Set(a.tiers.flatMap((x) => x.prizes.map((p) => p.prizeId)))],
        tiers: a.tiers.map((x) => ({ id: x.id, probability: x.probabilityMicros / 1e6, stock: x.stock })),
      })),
      prizes: prizes.map((p) => ({ id: p.id, kind: p.kind })),
      wins: wins.map((w) => ({ id: w.id, status: w.status, userId: w.userId, kind: w.prize.kind })),
      riskRules,
      riskEntries,
      alerts,
      apiKeys: apiKeys.map((k) => ({ id: k.id, revoked: k.revokedAt !== null })),
      invitations,
      members,
      webhookEndpoints: endpoints,
      webhookDeliveries: deliveries,
    };
  };
  await read();
  if (!t.view.activities.some((a) => a.status === 'LIVE')) {
    const prizeIds = t.view.prizes
      .filter((p) => p.kind !== 'COUPON')
      .slice(0, 3)
      .map((p) => p.id);
    if (prizeIds.length) {
      await ensureLiveActivity(t.id, prizeIds);
      repairs.push('a new live activity (none was left)');
    }
  }
  if (t.view.apiKeys.find((k) => k.id === t.apiKeyId)?.revoked !== false) {
    const { createApiKey } = await import('../../lib/auth/api-keys');
    const { key, apiKey } = await createApiKey(t.id, SYSTEM, 'fuzz');
    t.apiKey = key;
    t.apiKeyId = apiKey.id;
    repairs.push('a new API key (the lane’s own was revoked)');
  }
  for (const [who, role] of [
    [t.owner, 'OWNER'],
    [t.operator, 'OPERATOR'],
    [t.analyst, 'ANALYST'],
  ] as const) {
    const m = t.view.members.find((x) => x.operatorId === who.id);
    if (m?.role !== role) {
      await db.membership.upsert({
        where: { tenantId_operatorId: { tenantId: t.id, operatorId: who.id } },
        update: { role },
        create: { tenantId: t.id, operatorId: who.id, role },
      });
      repairs.push(`the ${role.toLowerCase()} restored (was ${m?.role ?? 'removed'})`);
    }
  }
  if (repairs.length) await read();
  return repairs;
}

export const tokenFor = (t: Tenant, sub: string, extra: Record<string, unknown> = {}) =>
  userToken(t.userTokenSecret, { tid: t.slug, sub, ...extra });

/** A short random id for names that must not collide across runs. */
export const shortId = () => randomBytes(4).toString('hex');

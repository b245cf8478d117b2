// Demo data, safe to run any number of times: tenants `demo` and `acme`, an owner for each,
// one operator who belongs to both, and a few prizes. Prints the logins.
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { db } from '../lib/db';
import { ensureTenant } from '../lib/tenancy/ensure-tenant';
import { upsertOperator } from '../lib/auth/verify-operator';
import { createPrize } from '../lib/prizes/create-prize';
import { addPrizeCodes } from '../lib/prizes/add-prize-codes';
import type { Role } from '../lib/auth/console-guard';
import { createActivity } from '../lib/activities/create-activity';
import { publishActivity } from '../lib/activities/publish-activity';
import { mintUserToken } from '../lib/auth/user-token';
import { config } from '../lib/config';
import { closeQueues } from '../lib/queues';

export const DEMO_PASSWORD = 'lottery-demo-1';

export const demoLogins = [
  { email: 'owner@demo.test', name: 'Dana Owner', memberships: [{ tenant: 'demo', role: 'OWNER' }] },
  { email: 'owner@acme.test', name: 'Aki Owner', memberships: [{ tenant: 'acme', role: 'OWNER' }] },
  {
    email: 'ops@both.test',
    name: 'Bo Operator',
    memberships: [
      { tenant: 'demo', role: 'OPERATOR' },
      { tenant: 'acme', role: 'OPERATOR' },
    ],
  },
  { email: 'analyst@demo.test', name: 'Ana Analyst', memberships: [{ tenant: 'demo', role: 'ANALYST' }] },
] as const satisfies readonly { email: string; name: string; memberships: readonly { tenant: string; role: Role }[] }[];

const demoPrizes = {
  demo: [
    { name: 'Smart Speaker', kind: 'physical', value: 299, stock: 50 },
    { name: 'Tote Bag', kind: 'physical', value: 39, stock: 2_000 },
    // A coupon prize's stock is its codes, added below.
    { name: '¥10 Coupon', kind: 'coupon', value: 10, stock: 0 },
    { name: '100 Points', kind: 'points', value: 1, stock: 1_000_000 },
  ],
  acme: [
    { name: 'Acme Mug', kind: 'physical', value: 25, stock: 500 },
    { name: 'Acme Gift Card', kind: 'virtual', value: 50, stock: 1_000 },
  ],
} as const;

/** Codes that look like a shop's: SPRING10- and 10 random letters or digits. */
function demoCouponCodes(n: number): string[] {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const codes = new Set<string>();
  while (codes.size < n) {
    const bytes = randomBytes(10);
    codes.add(`SPRING10-${Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('')}`);
  }
  return [...codes];
}

export type SeedResult = {
  tenants: Record<string, string>;
  logins: { email: string; password: string; tenants: string[] }[];
  liveActivityId: string;
};

export const DEMO_ACTIVITY_NAME = 'Spring Festival Wheel';

/**
 * Who may embed the demo's play page and post it a token: the make-believe host app of the demo,
 * and a page served on this machine at port 8080 (e.g. `python3 -m http.server 8080`), to try
 * the postMessage hand-off. Owners change it in Settings → Host app.
 */
export const DEMO_HOST_APP_ORIGINS = ['https://app.demo.test', 'http://localhost:8080'];

/** A live wheel in `demo`: three tiers, the second a bundle. Created and published once. */
async function ensureDemoActivity(tenantId: string): Promise<string> {
  const existing = await db.activity.findFirst({ where: { tenantId, name: DEMO_ACTIVITY_NAME }, select: { id: true } });
  if (existing) return existing.id;
  const prizes = await db.prize.findMany({ where: { tenantId }, select: { id: true, name: true } });
  const id = (name: string) => prizes.find((p) => p.name === name)!.id;
  const system = { type: 'SYSTEM', id: 'seed' } as const;
  const now = Date.now();
  const draft = await createActivity(tenantId, system, {
    name: DEMO_ACTIVITY_NAME,
    gameplay: 'wheel',
    startsAt: new Date(now - 3600_000).toISOString(),
    endsAt: new Date(now + 30 * 86400_000).toISOString(),
    timezone: 'Asia/Shanghai',
    limits: { freeDrawsPerDay: 3, maxDrawsPerDay: 10, maxDrawsTotal: 100, maxWinsPerUser: 3 },
    materials: {
      title: 'Spin the Spring Festival wheel',
      themeColor: '#e11d48',
      rulesText: 'Three free spins a day. Prizes ship within 7 days.',
    },
    claimWindowHours: 72,
    tiers: [
      {
        name: 'First prize',
        probability: 0.001,
        stock: 10,
        pacing: 'none',
        prizes: [{ prizeId: id('Smart Speaker'), quantity: 1 }],
      },
      {
        name: 'Second prize',
        probability: 0.05,
        stock: 500,
        pacing: 'none',
        prizes: [
          { prizeId: id('Tote Bag'), quantity: 1 },
          { prizeId: id('¥10 Coupon'), quantity: 2 },
        ],
      },
      {
        name: 'Third prize',
        probability: 0.3,
        stock: 10_000,
        pacing: 'none',
        prizes: [{ prizeId: id('100 Points'), quantity: 1 }],
      },
    ],
    tasks: [
      { kind: 'sign_in', name: 'Daily check-in', chances: 1, perDay: 1 },
      { kind: 'share', name: 'Share to Feed', chances: 1, perDay: 3 },
      { kind: 'event', eventType: 'post_created', name: 'Post a moment', chances: 1, perDay: 3 },
    ],
  });
  await publishActivity(tenantId, system, draft.id);
  return draft.id;
}

export async function seedDemo(): Promise<SeedResult> {
  const tenants: Record<string, string> = {};
  tenants.demo = (await ensureTenant('demo', 'Demo Social')).id;
  tenants.acme = (await ensureTenant('acme', 'Acme Corp')).id;
  const system = { type: 'SYSTEM', id: 'seed' } as const;
  // Once: an owner's own list is kept when the seed runs again.
  await db.tenant.updateMany({
    where: { id: tenants.demo, hostAppOrigins: { isEmpty: true } },
    data: { hostAppOrigins: DEMO_HOST_APP_ORIGINS },
  });

  for (const login of demoLogins) {
    const operator = await upsertOperator(login.email, login.name, DEMO_PASSWORD);
    for (const m of login.memberships) {
      await db.membership.upsert({
        where: { tenantId_operatorId: { tenantId: tenants[m.tenant]!, operatorId: operator.id } },
        update: { role: m.role },
        create: { tenantId: tenants[m.tenant]!, operatorId: operator.id, role: m.role },
      });
    }
  }
  for (const [slug, prizes] of Object.entries(demoPrizes)) {
    const tenantId = tenants[slug]!;
    if ((await db.prize.count({ where: { tenantId } })) > 0) continue;
    for (const p of prizes) {
      const prize = await createPrize(tenantId, system, { ...p });
      if (p.kind === 'coupon') await addPrizeCodes(tenantId, system, prize.id, { codes: demoCouponCodes(5_000) });
    }
  }
  const liveActivityId = await ensureDemoActivity(tenants.demo);
  return {
    tenants,
    liveActivityId,
    logins: demoLogins.map((l) => ({
      email: l.email,
      password: DEMO_PASSWORD,
      tenants: l.memberships.map((m) => `${m.tenant} (${m.role})`),
    })),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  seedDemo()
    .then(async (r) => {
      const secret = (await db.tenant.findUniqueOrThrow({ where: { slug: 'demo' }, select: { userTokenSecret: true } }))
        .userTokenSecret;
      const token = await mintUserToken(secret, { tenantSlug: 'demo', userId: 'demo-user-1' }, 7 * 86400);
      console.log('seeded tenants: demo, acme');
      for (const l of r.logins) console.log(`  login ${l.email} / ${l.password}  → ${l.tenants.join(', ')}`);
      console.log(`live activity in demo: ${DEMO_ACTIVITY_NAME} (${r.liveActivityId})`);
      console.log('draw as demo-user-1:');
      console.log(`  curl -s -X POST ${config().publicUrl}/api/v1/activities/${r.liveActivityId}/draws \\`);
      console.log(`    -H "Authorization: Bearer ${token}" -H "Idempotency-Key: $(date +%s%N)"`);
      await closeQueues();
      await db.$disconnect();
      // The shared request Redis connection stays open otherwise.
      process.exit(0);
    })
    .catch((err: unknown) => {
      console.error(`seed failed: ${(err as Error).message}`);
      process.exit(1);
    });
}

// Demo data, safe to run any number of times: tenants `demo` and `acme`, an owner for each,
// one operator who belongs to both, and a few prizes. Prints the logins.
import { pathToFileURL } from 'node:url';
import { db } from '../lib/db';
import { ensureTenant } from '../lib/tenancy/ensure-tenant';
import { upsertOperator } from '../lib/auth/verify-operator';
import { createPrize } from '../lib/prizes/create-prize';
import type { Role } from '../lib/auth/console-guard';

export const DEMO_PASSWORD = 'lottery-demo-1';

export const demoLogins = [
  { email: 'owner@demo.test', name: 'Dana Owner', memberships: [{ tenant: 'demo', role: 'OWNER' }] },
  { email: 'owner@acme.test', name: 'Aki Owner', memberships: [{ tenant: 'acme', role: 'OWNER' }] },
  { email: 'ops@both.test', name: 'Bo Operator', memberships: [{ tenant: 'demo', role: 'OPERATOR' }, { tenant: 'acme', role: 'OPERATOR' }] },
  { email: 'analyst@demo.test', name: 'Ana Analyst', memberships: [{ tenant: 'demo', role: 'ANALYST' }] },
] as const satisfies readonly { email: string; name: string; memberships: readonly { tenant: string; role: Role }[] }[];

const demoPrizes = {
  demo: [
    { name: 'Smart Speaker', kind: 'physical', value: 299, stock: 50 },
    { name: 'Tote Bag', kind: 'physical', value: 39, stock: 2_000 },
    { name: '¥10 Coupon', kind: 'coupon', value: 10, stock: 20_000 },
    { name: '100 Points', kind: 'points', value: 1, stock: 1_000_000 },
  ],
  acme: [
    { name: 'Acme Mug', kind: 'physical', value: 25, stock: 500 },
    { name: 'Acme Gift Card', kind: 'virtual', value: 50, stock: 1_000 },
  ],
} as const;

export type SeedResult = { tenants: Record<string, string>; logins: { email: string; password: string; tenants: string[] }[] };

export async function seedDemo(): Promise<SeedResult> {
  const tenants: Record<string, string> = {};
  tenants.demo = (await ensureTenant('demo', 'Demo Social')).id;
  tenants.acme = (await ensureTenant('acme', 'Acme Corp')).id;
  const system = { type: 'SYSTEM', id: 'seed' } as const;

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
    for (const p of prizes) await createPrize(tenantId, system, { ...p });
  }
  return {
    tenants,
    logins: demoLogins.map((l) => ({ email: l.email, password: DEMO_PASSWORD, tenants: l.memberships.map((m) => `${m.tenant} (${m.role})`) })),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  seedDemo()
    .then((r) => {
      console.log('seeded tenants: demo, acme');
      for (const l of r.logins) console.log(`  login ${l.email} / ${l.password}  → ${l.tenants.join(', ')}`);
      return db.$disconnect();
    })
    .catch((err: unknown) => {
      console.error(`seed failed: ${(err as Error).message}`);
      process.exit(1);
    });
}

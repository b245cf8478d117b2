import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { verifyOperatorCredentials } from '@/lib/auth/verify-operator';
import { DEMO_HOST_APP_ORIGINS, DEMO_PASSWORD, seedDemo } from '@/prisma/seed';

describe('the demo seed', () => {
  it('is idempotent and gives working logins, one of them in both tenants', async () => {
    const first = await seedDemo();
    const count = async () => ({
      tenants: await db.tenant.count({ where: { slug: { in: ['demo', 'acme'] } } }),
      prizes: await db.prize.count({ where: { tenantId: { in: Object.values(first.tenants) } } }),
      memberships: await db.membership.count({ where: { tenantId: { in: Object.values(first.tenants) } } }),
      activities: await db.activity.count({ where: { tenantId: first.tenants.demo, status: 'LIVE' } }),
    });
    const before = await count();
    await seedDemo();
    expect(await count()).toEqual(before);
    expect(before.tenants).toBe(2);
    expect(before.activities).toBe(1);
    const live = await db.activity.findUniqueOrThrow({
      where: { id: first.liveActivityId },
      include: { tiers: { include: { prizes: true } } },
    });
    expect(live.tiers).toHaveLength(3);
    expect(live.tiers.some((t) => t.prizes.length > 1)).toBe(true);

    const both = await verifyOperatorCredentials('ops@both.test', DEMO_PASSWORD);
    expect(both).not.toBeNull();
    expect(await db.membership.count({ where: { operatorId: both!.id } })).toBe(2);
    expect(await verifyOperatorCredentials('ops@both.test', 'wrong')).toBeNull();
    expect(await verifyOperatorCredentials('nobody@demo.test', DEMO_PASSWORD)).toBeNull();

    const demo = await db.tenant.findUniqueOrThrow({
      where: { id: first.tenants.demo },
      select: { hostAppOrigins: true },
    });
    expect(demo.hostAppOrigins).toEqual(DEMO_HOST_APP_ORIGINS);
  });
});

// The console's winners list and CSV: filters narrow within the tenant only, and an activity's
// console CSV is byte for byte the management API's `?format=csv`.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as apiWinners } from '@/app/api/manage/activities/[id]/winners/route';
import { db } from '@/lib/db';
import { executeDraw } from '@/lib/draw/execute-draw';
import { claimWin } from '@/lib/fulfilment/claim-win';
import { queryWinners } from '@/lib/fulfilment/list-winners';
import { shipWin } from '@/lib/fulfilment/ship-win';
import { closeQueues } from '@/lib/queues';
import { endUser, liveActivity, testActor } from '../helpers/activities';
import { bearer, callRoute, freshTenant, membersOfEachRole } from '../helpers/fixtures';

const session = vi.hoisted(() => ({ operatorId: null as string | null }));
vi.mock('server-only', () => ({}));
vi.mock('next-auth/next', () => ({
  getServerSession: async () => (session.operatorId ? { user: { id: session.operatorId } } : null),
}));
const { GET: consoleCsv } = await import('@/app/(console)/t/[tenant]/winners/winners.csv/route');

type Tenant = Awaited<ReturnType<typeof freshTenant>>;
let tenant: Tenant;
let other: Tenant;
let activityId: string;
let otherActivityId: string;
let people: Awaited<ReturnType<typeof membersOfEachRole>>;
const wins: { id: string; userId: string }[] = [];

beforeAll(async () => {
  const one = await liveActivity((p) => [{ name: 'Gold', probability: 1, stock: 100, prizes: [{ prizeId: p[0]! }] }], {
    stocks: [200],
  });
  tenant = one.tenant;
  activityId = one.activity.id;
  // A second activity of the same tenant, so the activity filter has something to leave out.
  const two = await liveActivity(
    (p) => [{ name: 'Silver', probability: 1, stock: 100, prizes: [{ prizeId: p[0]! }] }],
    { stocks: [200], tenant },
  );
  otherActivityId = two.activity.id;
  for (const [i, act] of [activityId, activityId, activityId, otherActivityId].entries()) {
    const user = endUser(tenant, `user-${i}`);
    const { winIds } = await executeDraw(user, act, randomUUID());
    wins.push({ id: winIds[0]!, userId: user.userId });
  }
  // A comma, a quote and a formula-looking name: the writer's escaping is part of "the same".
  await claimWin(endUser(tenant, 'user-0'), wins[0]!.id, {
    name: '=Li, "Lei"',
    phone: '+86 138 0000 0000',
    address: '1 Century Avenue,\nShanghai',
  });
  await shipWin(tenant.id, testActor, wins[0]!.id, { carrier: 'SF Express', trackingNumber: 'SF 123' });
  const o = await liveActivity((p) => [{ probability: 1, stock: 10, prizes: [{ prizeId: p[0]! }] }]);
  other = o.tenant;
  await executeDraw(endUser(other, 'user-0'), o.activity.id, randomUUID());
  people = await membersOfEachRole(tenant.id);
});
afterAll(() => closeQueues());

const asOperator = (id: string | null) => {
  session.operatorId = id;
};

describe('console winners', () => {
  it("an activity's console CSV equals the management API's CSV byte for byte", async () => {
    const api = await callRoute(apiWinners, {
      path: `/api/manage/activities/${activityId}/winners?format=csv`,
      headers: bearer(tenant.apiKey),
      params: { id: activityId },
    });
    expect(api.status).toBe(200);
    asOperator(people.OPERATOR);
    const mine = await callRoute(consoleCsv, {
      path: `/t/${tenant.slug}/winners/winners.csv?activity=${activityId}`,
      params: { tenant: tenant.slug },
    });
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(mine.text).toBe(api.text);
    const lines = mine.text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      'winId,wonAt,userId,tier,prize,kind,quantity,status,claimName,claimPhone,claimAddress,carrier,trackingNumber',
    );
    expect(mine.text).toContain(`${wins[0]!.id},`);
    expect(mine.text).toContain(`"'=Li, ""Lei"""`);
    expect(mine.text).toContain(',SHIPPED,');
    expect(mine.text).toContain('SF Express,SF 123');
    expect(mine.text).not.toContain(wins[3]!.id);

    // With a status too, still the API's rows.
    const apiShipped = await callRoute(apiWinners, {
      path: `/api/manage/activities/${activityId}/winners?format=csv&status=SHIPPED`,
      headers: bearer(tenant.apiKey),
      params: { id: activityId },
    });
    const consoleShipped = await callRoute(consoleCsv, {
      path: `/t/${tenant.slug}/winners/winners.csv?activity=${activityId}&status=SHIPPED`,
      params: { tenant: tenant.slug },
    });
    expect(consoleShipped.text).toBe(apiShipped.text);
    expect(consoleShipped.text.trimEnd().split('\r\n')).toHaveLength(2);
  });

  it('an analyst reads winners with phone and address masked and cannot export them', async () => {
    asOperator(people.ANALYST);
    const csv = await callRoute(consoleCsv, {
      path: `/t/${tenant.slug}/winners/winners.csv?activity=${activityId}`,
      params: { tenant: tenant.slug },
    });
    expect(csv.status).toBe(403);
    expect(csv.text).not.toContain('user-0');
    const claimed = async (masked: boolean) =>
      (await queryWinners(tenant.id, { activityId }, { limit: 100, masked })).items.find((w) => w.claim)!.claim!;
    const full = await claimed(false);
    const masked = await claimed(true);
    expect(masked.name).toBe(full.name);
    expect(masked.phone).not.toBe(full.phone);
    expect(masked.phone).toMatch(/^\d{3}\*+\d{2}$/);
    expect(masked.address!.length).toBeLessThan(full.address!.length);
    expect(masked.address).toMatch(/…$/);
  });

  it('the CSV is refused without a session and not found for a tenant the operator is not in', async () => {
    asOperator(null);
    expect(
      (await callRoute(consoleCsv, { path: `/t/${tenant.slug}/winners/winners.csv`, params: { tenant: tenant.slug } }))
        .status,
    ).toBe(401);
    asOperator(people.OWNER);
    const foreign = await callRoute(consoleCsv, {
      path: `/t/${other.slug}/winners/winners.csv`,
      params: { tenant: other.slug },
    });
    expect(foreign.status).toBe(404);
    expect(foreign.text).not.toContain('user-0');
  });

  it('filters by activity, tier, status, user and day, within the tenant only', async () => {
    const ids = async (filters: Parameters<typeof queryWinners>[1]) =>
      (await queryWinners(tenant.id, filters, { limit: 100 })).items.map((w) => w.winId).sort();
    expect(await ids({})).toEqual(wins.map((w) => w.id).sort());
    expect(await ids({ activityId: otherActivityId })).toEqual([wins[3]!.id]);
    const silver = await db.tier.findFirstOrThrow({ where: { activityId: otherActivityId }, select: { id: true } });
    expect(await ids({ tierId: silver.id })).toEqual([wins[3]!.id]);
    expect(await ids({ status: 'SHIPPED' })).toEqual([wins[0]!.id]);
    expect(await ids({ userId: 'user-2' })).toEqual([wins[2]!.id]);
    expect(await ids({ from: new Date(Date.now() + 86_400_000) })).toEqual([]);
    expect(await ids({ until: new Date(Date.now() - 86_400_000) })).toEqual([]);
    expect(
      await ids({ from: new Date(Date.now() - 86_400_000), until: new Date(Date.now() + 86_400_000) }),
    ).toHaveLength(4);
    // Another tenant's activity as a filter finds nothing here.
    const otherActivity = await db.activity.findFirstOrThrow({ where: { tenantId: other.id }, select: { id: true } });
    expect(await ids({ activityId: otherActivity.id })).toEqual([]);
    // Pages follow the cursor without repeats.
    const first = await queryWinners(tenant.id, {}, { limit: 3 });
    const rest = await queryWinners(tenant.id, {}, { limit: 3, cursor: first.nextCursor! });
    expect(new Set([...first.items, ...rest.items].map((w) => w.winId)).size).toBe(4);
    expect(rest.nextCursor).toBeNull();
  });
});

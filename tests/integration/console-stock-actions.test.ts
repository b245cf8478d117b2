// The console's stock and alert actions are guarded on the server: an ANALYST is refused and
// nothing is written, another tenant's prize or alert is simply not found (and untouched), an
// OPERATOR's change lands in the ledger and the audit log. The ledger's CSV export passes the
// same guard and escapes what a spreadsheet would run.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { upsertOperator } from '@/lib/auth/verify-operator';
import { createPrize } from '@/lib/prizes/create-prize';
import { listStockMovements } from '@/lib/inventory/list-stock-movements';
import { listAlerts } from '@/lib/alerts/list-alerts';
import { callRoute, freshTenant, membersOfEachRole, uniqueSlug } from '../helpers/fixtures';
import { liveActivity, testActor } from '../helpers/activities';

const session = vi.hoisted(() => ({ operatorId: null as string | null }));
vi.mock('server-only', () => ({}));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
vi.mock('next-auth/next', () => ({
  getServerSession: async () => (session.operatorId ? { user: { id: session.operatorId } } : null),
}));

const { addPrizeCodesAction, createPrizeAction, restockPrizeAction } =
  await import('@/app/(console)/t/[tenant]/prizes/actions');
const { acknowledgeAlertAction } = await import('@/app/(console)/t/[tenant]/alerts-actions');
const { GET: ledgerCsv } = await import('@/app/(console)/t/[tenant]/prizes/[prizeId]/ledger.csv/route');

type Role = 'OWNER' | 'OPERATOR' | 'ANALYST';
let tenantA: Awaited<ReturnType<typeof freshTenant>>;
let tenantB: Awaited<ReturnType<typeof freshTenant>>;
const people = {} as Record<Role, string>;

beforeAll(async () => {
  tenantA = await freshTenant();
  tenantB = await freshTenant();
  Object.assign(people, await membersOfEachRole(tenantA.id));
});

const as = (role: Role | null) => {
  session.operatorId = role ? people[role] : null;
};

const prizeState = async (prizeId: string) => ({
  available: (await db.prize.findUniqueOrThrow({ where: { id: prizeId }, select: { availableStock: true } }))
    .availableStock,
  movements: await db.stockMovement.count({ where: { prizeId } }),
  audits: await db.auditLog.count({ where: { objectId: prizeId, action: 'prize.restock' } }),
});

const openAlert = (tenantId: string, severity: 'INFO' | 'WARNING' | 'CRITICAL' = 'CRITICAL') =>
  db.alert.create({
    data: { tenantId, kind: 'stock.over-issue', severity, message: `test alert ${uniqueSlug('a')}` },
    select: { id: true },
  });

describe('restockPrizeAction', () => {
  it('refuses an ANALYST (and nobody signed in) on the server and writes nothing', async () => {
    const prize = await createPrize(tenantA.id, testActor, { name: 'Tote Bag', kind: 'physical', stock: 100 });
    const before = await prizeState(prize.id);
    as('ANALYST');
    expect(await restockPrizeAction(tenantA.slug, prize.id, 25, 'sneaky')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    as(null);
    expect(await restockPrizeAction(tenantA.slug, prize.id, 25, 'anon')).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    });
    expect(await prizeState(prize.id)).toEqual(before);
  });

  it("does not find another tenant's prize and leaves it untouched", async () => {
    const foreign = await createPrize(tenantB.id, testActor, { name: 'Foreign Mug', kind: 'physical', stock: 40 });
    const before = await prizeState(foreign.id);
    for (const role of ['OPERATOR', 'OWNER'] as const) {
      as(role);
      // Tenant B's prize through tenant A's console, and tenant B's console itself.
      expect(await restockPrizeAction(tenantA.slug, foreign.id, 5, 'cross')).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      expect(await restockPrizeAction(tenantB.slug, foreign.id, 5, 'cross')).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    }
    expect(await restockPrizeAction(tenantA.slug, 'not-a-uuid', 5, 'cross')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await prizeState(foreign.id)).toEqual(before);
  });

  it('lets an OPERATOR add and take away stock, each change in the ledger (with reason and actor) and the audit log', async () => {
    const prize = await createPrize(tenantA.id, testActor, { name: 'Cap', kind: 'physical', stock: 10 });
    as('OPERATOR');
    const added = await restockPrizeAction(tenantA.slug, prize.id, 25, '  supplier delivery #4411  ');
    expect(added).toMatchObject({
      ok: true,
      data: { prize: { id: prize.id, stock: { total: 35, available: 35, reserved: 0 } } },
    });
    const taken = await restockPrizeAction(tenantA.slug, prize.id, -5, 'damaged in storage');
    expect(taken).toMatchObject({ ok: true, data: { prize: { stock: { available: 30 } } } });

    const ledger = await db.stockMovement.findMany({
      where: { tenantId: tenantA.id, prizeId: prize.id },
      orderBy: { id: 'asc' },
    });
    expect(ledger.map((m) => [m.kind, m.poolDelta, m.reason, m.actorType, m.actorId])).toEqual([
      ['RESTOCK', 10, 'initial stock', 'SYSTEM', 'test'],
      ['RESTOCK', 25, 'supplier delivery #4411', 'OPERATOR', people.OPERATOR],
      ['RESTOCK', -5, 'damaged in storage', 'OPERATOR', people.OPERATOR],
    ]);
    const audits = await db.auditLog.findMany({
      where: { tenantId: tenantA.id, objectId: prize.id, action: 'prize.restock' },
      orderBy: { id: 'asc' },
    });
    expect(audits.map((a) => [a.actorType, a.actorId, a.after])).toEqual([
      ['OPERATOR', people.OPERATOR, { available: 35, reason: 'supplier delivery #4411' }],
      ['OPERATOR', people.OPERATOR, { available: 30, reason: 'damaged in storage' }],
    ]);
  });

  it('asks for a reason and a whole, non-zero quantity, and never takes more than is free', async () => {
    const prize = await createPrize(tenantA.id, testActor, { name: 'Pin', kind: 'physical', stock: 3 });
    const before = await prizeState(prize.id);
    as('OPERATOR');
    expect(await restockPrizeAction(tenantA.slug, prize.id, 5, '   ')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/^reason/) },
    });
    expect(await restockPrizeAction(tenantA.slug, prize.id, 0, 'zero')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/^quantity/) },
    });
    expect(await restockPrizeAction(tenantA.slug, prize.id, 1.5, 'half')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await restockPrizeAction(tenantA.slug, prize.id, -4, 'too many')).toMatchObject({
      ok: false,
      error: { code: 'INSUFFICIENT_STOCK' },
    });
    expect(await prizeState(prize.id)).toEqual(before);
  });
});

describe('createPrizeAction', () => {
  it('refuses an ANALYST and nobody signed in, and a signed-in member of another tenant, and adds nothing', async () => {
    const before = await db.prize.count({ where: { tenantId: { in: [tenantA.id, tenantB.id] } } });
    const input = { name: 'Sneaky mug', kind: 'physical', stock: 5 };
    as('ANALYST');
    expect(await createPrizeAction(tenantA.slug, input)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    as(null);
    expect(await createPrizeAction(tenantA.slug, input)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    as('OPERATOR');
    expect(await createPrizeAction(tenantB.slug, input)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await db.prize.count({ where: { tenantId: { in: [tenantA.id, tenantB.id] } } })).toBe(before);
  });

  it('lets an OPERATOR add a prize with its pool, in the ledger and the audit log; bad input is named and adds nothing', async () => {
    as('OPERATOR');
    const bad = await createPrizeAction(tenantA.slug, { name: ' ', kind: 'physical', stock: -1 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await createPrizeAction(tenantA.slug, { name: 'Mug', kind: 'physical', stock: 5, extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    const made = await createPrizeAction(tenantA.slug, {
      name: 'Console Mug',
      kind: 'physical',
      value: 9.9,
      stock: 40,
    });
    expect(made).toMatchObject({
      ok: true,
      data: { prize: { name: 'Console Mug', kind: 'physical', stock: { total: 40, available: 40, reserved: 0 } } },
    });
    const id = made.ok ? made.data.prize.id : '';
    expect(await db.prize.findUniqueOrThrow({ where: { id } })).toMatchObject({
      tenantId: tenantA.id,
      valueMinor: 990,
    });
    expect(
      await db.stockMovement.findMany({
        where: { prizeId: id },
        select: { kind: true, poolDelta: true, actorId: true },
      }),
    ).toEqual([{ kind: 'RESTOCK', poolDelta: 40, actorId: people.OPERATOR }]);
    expect(await db.auditLog.count({ where: { objectId: id, action: 'prize.create', actorId: people.OPERATOR } })).toBe(
      1,
    );
  });
});

describe('acknowledgeAlertAction', () => {
  it('refuses an ANALYST on the server: the alert stays open and nothing is audited', async () => {
    const alert = await openAlert(tenantA.id);
    as('ANALYST');
    expect(await acknowledgeAlertAction(tenantA.slug, alert.id)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    as(null);
    expect(await acknowledgeAlertAction(tenantA.slug, alert.id)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    });
    expect(await db.alert.findUniqueOrThrow({ where: { id: alert.id } })).toMatchObject({
      acknowledgedAt: null,
      acknowledgedBy: null,
    });
    expect(await db.auditLog.count({ where: { objectId: alert.id } })).toBe(0);
  });

  it("does not find another tenant's alert and leaves it open", async () => {
    const foreign = await openAlert(tenantB.id);
    as('OWNER');
    expect(await acknowledgeAlertAction(tenantA.slug, foreign.id)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await acknowledgeAlertAction(tenantB.slug, foreign.id)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await acknowledgeAlertAction(tenantA.slug, 'not-a-uuid')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await db.alert.findUniqueOrThrow({ where: { id: foreign.id } })).toMatchObject({
      acknowledgedAt: null,
      acknowledgedBy: null,
    });
    expect(await db.auditLog.count({ where: { objectId: foreign.id } })).toBe(0);
  });

  it('lets an OPERATOR acknowledge once: who and when on the alert, one audit row, off the open list', async () => {
    const alert = await openAlert(tenantA.id);
    expect((await listAlerts(tenantA.id, { limit: 50 })).items.map((a) => a.id)).toContain(alert.id);
    as('OPERATOR');
    const result = await acknowledgeAlertAction(tenantA.slug, alert.id);
    expect(result).toMatchObject({ ok: true, data: { alert: { id: alert.id, acknowledgedBy: people.OPERATOR } } });
    const stored = await db.alert.findUniqueOrThrow({ where: { id: alert.id } });
    expect(stored.acknowledgedBy).toBe(people.OPERATOR);
    expect(stored.acknowledgedAt).toBeInstanceOf(Date);

    // A second click (or a second operator) keeps the first acknowledgement and audits nothing more.
    as('OWNER');
    expect(await acknowledgeAlertAction(tenantA.slug, alert.id)).toMatchObject({
      ok: true,
      data: { alert: { acknowledgedBy: people.OPERATOR } },
    });
    const audits = await db.auditLog.findMany({
      where: { tenantId: tenantA.id, objectType: 'Alert', objectId: alert.id },
    });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: 'alert.acknowledge', actorType: 'OPERATOR', actorId: people.OPERATOR });
    expect((await listAlerts(tenantA.id, { limit: 50 })).items.map((a) => a.id)).not.toContain(alert.id);
  });

  it('lists open alerts of the tenant only, the most severe first, with the open count', async () => {
    const t = await freshTenant();
    const info = await openAlert(t.id, 'INFO');
    const critical = await openAlert(t.id, 'CRITICAL');
    const warning = await openAlert(t.id, 'WARNING');
    await db.alert.update({
      where: { id: (await openAlert(t.id, 'CRITICAL')).id },
      data: { acknowledgedAt: new Date() },
    });
    await openAlert(tenantB.id);
    const { items, openCount } = await listAlerts(t.id, { limit: 2 });
    expect(openCount).toBe(3);
    expect(items.map((a) => a.id)).toEqual([critical.id, warning.id]);
    expect((await listAlerts(t.id, { limit: 10 })).items.map((a) => a.id)).toEqual([critical.id, warning.id, info.id]);
  });
});

describe('GET /t/{tenant}/prizes/{prizeId}/ledger.csv', () => {
  it("answers 401 signed out and 404 for another tenant's prize or a tenant the operator is not in", async () => {
    const prize = await createPrize(tenantA.id, testActor, { name: 'Guarded', kind: 'physical', stock: 1 });
    const foreign = await createPrize(tenantB.id, testActor, { name: 'Foreign', kind: 'physical', stock: 1 });
    const get = (tenant: string, prizeId: string) =>
      callRoute(ledgerCsv, { path: `/t/${tenant}/prizes/${prizeId}/ledger.csv`, params: { tenant, prizeId } });
    as(null);
    expect((await get(tenantA.slug, prize.id)).status).toBe(401);
    as('ANALYST');
    expect((await get(tenantA.slug, foreign.id)).status).toBe(404);
    expect((await get(tenantB.slug, foreign.id)).status).toBe(404);
    const own = await get(tenantA.slug, prize.id);
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(own.text).not.toContain('Foreign');
  });

  it('exports the filtered ledger with names resolved, formulas neutralised and fields quoted', async () => {
    const { tenant, prizes, activity } = await liveActivity(
      (ids) => [{ probability: 0.1, stock: 7, prizes: [{ prizeId: ids[0]! }] }],
      { stocks: [100] },
    );
    const operator = await upsertOperator(`${uniqueSlug('csv')}@test.local`, 'Csv, "The" Operator', 'pw-for-tests-1');
    await db.membership.create({ data: { tenantId: tenant.id, operatorId: operator.id, role: 'OPERATOR' } });
    session.operatorId = operator.id;
    const prizeId = prizes[0]!.id;
    expect(await restockPrizeAction(tenant.slug, prizeId, 5, '=HYPERLINK("http://evil")')).toMatchObject({ ok: true });
    expect(await restockPrizeAction(tenant.slug, prizeId, -2, '-returned, to supplier')).toMatchObject({ ok: true });

    // The lib: newest first, by kind and activity, paged by cursor.
    const all = await listStockMovements(tenant.id, prizeId, { limit: 10 });
    expect(all.items.map((m) => [m.kind, m.poolDelta, m.activityDelta])).toEqual([
      ['RESTOCK', -2, 0],
      ['RESTOCK', 5, 0],
      ['RESERVE', -7, 7],
      ['RESTOCK', 100, 0],
    ]);
    expect(all.items[0]!.actor).toMatchObject({ type: 'OPERATOR', name: 'Csv, "The" Operator' });
    expect(all.items[2]!.activity).toEqual({ id: activity.id, name: 'Test activity' });
    expect(all.activities).toEqual([{ id: activity.id, name: 'Test activity' }]);
    const first = await listStockMovements(tenant.id, prizeId, { limit: 3 });
    const rest = await listStockMovements(tenant.id, prizeId, { limit: 3, cursor: first.nextCursor! });
    expect([...first.items, ...rest.items].map((m) => m.id)).toEqual(all.items.map((m) => m.id));
    expect(rest.nextCursor).toBeNull();
    expect(
      (await listStockMovements(tenant.id, prizeId, { limit: 10, activityId: activity.id })).items.map((m) => m.kind),
    ).toEqual(['RESERVE']);
    expect(
      (await listStockMovements(tenant.id, prizeId, { limit: 10, until: new Date(Date.now() - 86_400_000) })).items,
    ).toEqual([]);
    expect((await listStockMovements(tenantB.id, prizeId, { limit: 10 })).items).toEqual([]);

    const csv = await callRoute(ledgerCsv, {
      path: `/t/${tenant.slug}/prizes/${prizeId}/ledger.csv?kind=RESTOCK`,
      params: { tenant: tenant.slug, prizeId },
    });
    expect(csv.status).toBe(200);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      'createdAt,kind,freePoolChange,activityPoolChange,issuedChange,returnedChange,activityId,activity,actorType,actorId,actor,reason',
    );
    expect(lines).toHaveLength(4); // header + three RESTOCK rows, no RESERVE
    expect(lines[1]).toMatch(
      new RegExp(
        `^\\S+Z,RESTOCK,-2,0,0,0,,,OPERATOR,${operator.id},"Csv, ""The"" Operator","'-returned, to supplier"$`,
      ),
    );
    expect(lines[2]).toMatch(/,RESTOCK,5,0,0,0,,,OPERATOR,.*,"'=HYPERLINK\(""http:\/\/evil""\)"$/);
    expect(lines[3]).toMatch(/,RESTOCK,100,0,0,0,,,SYSTEM,test,system,initial stock$/);

    const byActivity = await callRoute(ledgerCsv, {
      path: `/x.csv?activity=${activity.id}`,
      params: { tenant: tenant.slug, prizeId },
    });
    expect(
      byActivity.text
        .trimEnd()
        .split('\r\n')
        .slice(1)
        .map((l) => l.split(',')[1]),
    ).toEqual(['RESERVE']);
    expect(byActivity.text).toContain(`,${activity.id},Test activity,SYSTEM,test,system,publish`);
  });
});

describe('addPrizeCodesAction', () => {
  it("adds an OPERATOR's codes; refuses an ANALYST, another tenant's prize and bad codes, writing nothing", async () => {
    const prize = await createPrize(tenantA.id, testActor, { name: 'Coupon', kind: 'coupon', stock: 0 });
    const stored = () => db.couponCode.count({ where: { prizeId: prize.id } });
    as('ANALYST');
    expect(await addPrizeCodesAction(tenantA.slug, prize.id, ['A1'])).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    as('OPERATOR');
    expect(await addPrizeCodesAction(tenantA.slug, prize.id.toUpperCase(), ['A1', 'A2'])).toEqual({
      ok: true,
      data: { added: 2, total: 2, unused: 2, activityId: null },
    });
    expect(await addPrizeCodesAction(tenantA.slug, prize.id, ['A3', 'bad\u0000'])).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await addPrizeCodesAction(tenantA.slug, prize.id, ['A2'])).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    const other = await createPrize(tenantB.id, testActor, { name: 'Theirs', kind: 'coupon', stock: 0 });
    expect(await addPrizeCodesAction(tenantA.slug, other.id, ['B1'])).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await stored()).toBe(2);
    expect(await db.couponCode.count({ where: { prizeId: other.id } })).toBe(0);
    expect(await db.auditLog.count({ where: { objectId: prize.id, action: 'prize.codes.add' } })).toBe(1);
  });
});

// The live dashboard is guarded on the server like every console page: the page, its data
// endpoint and each server action. An ANALYST reads but cannot change anything; another
// tenant's activity, tier or alert is simply not found; each change leaves an AuditLog row.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { getDashboardData } from '@/lib/stats/get-dashboard-data';
import { proposeChange } from '@/lib/activities/propose-change';
import { callRoute, membersOfEachRole } from '../helpers/fixtures';
import { liveActivity, testActor } from '../helpers/activities';

const session = vi.hoisted(() => ({ operatorId: null as string | null }));
vi.mock('server-only', () => ({}));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
vi.mock('next-auth/next', () => ({
  getServerSession: async () => (session.operatorId ? { user: { id: session.operatorId } } : null),
}));

const { GET: getData } = await import('@/app/(console)/t/[tenant]/activities/[activityId]/dashboard/data/route');
const { adjustTierAction, changeStatusAction } =
  await import('@/app/(console)/t/[tenant]/activities/[activityId]/dashboard/actions');
const { acknowledgeAlertAction } = await import('@/app/(console)/t/[tenant]/alerts-actions');
const { default: DashboardPage } = await import('@/app/(console)/t/[tenant]/activities/[activityId]/dashboard/page');

type Role = 'OWNER' | 'OPERATOR' | 'ANALYST';
type Live = Awaited<ReturnType<typeof liveActivity>>;
let a: Live;
let b: Live;
const people = {} as Record<Role, string>;
let outsider: string;

beforeAll(async () => {
  a = await liveActivity((p) => [
    { probability: 0.1, stock: 50, prizes: [{ prizeId: p[0]! }] },
    { probability: 0.2, stock: 80, prizes: [{ prizeId: p[0]! }] },
  ]);
  b = await liveActivity((p) => [{ probability: 0.1, stock: 50, prizes: [{ prizeId: p[0]! }] }]);
  Object.assign(people, await membersOfEachRole(a.tenant.id));
  // An OWNER of tenant B: powerful there, nobody in tenant A.
  outsider = (await membersOfEachRole(b.tenant.id)).OWNER;
});

const as = (who: Role | 'OUTSIDER' | null) => {
  session.operatorId = who === 'OUTSIDER' ? outsider : who ? people[who] : null;
};
const tierA = () => a.activity.tiers[0]!;
const tierState = (id: string) =>
  db.tier.findUniqueOrThrow({ where: { id }, select: { probabilityMicros: true, stock: true } });
const statusOf = async (id: string) =>
  (await db.activity.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
const data = (tenant: string, activityId: string) =>
  callRoute(getData, { path: `/t/${tenant}/activities/${activityId}/dashboard/data`, params: { tenant, activityId } });
const isNotFound = (err: unknown) =>
  String((err as { digest?: string }).digest ?? err).includes('NEXT_HTTP_ERROR_FALLBACK;404');

describe('dashboard page', () => {
  it("renders for an ANALYST of the tenant; another tenant's activity or tenant is not found", async () => {
    as('ANALYST');
    const page = await DashboardPage({ params: Promise.resolve({ tenant: a.tenant.slug, activityId: a.activity.id }) });
    expect(page.props.initial.activity.id).toBe(a.activity.id);
    expect(page.props.actions).toBeNull(); // analysts get no adjustment controls
    await expect(
      DashboardPage({ params: Promise.resolve({ tenant: a.tenant.slug, activityId: b.activity.id }) }),
    ).rejects.toSatisfy(isNotFound);
    as('OUTSIDER');
    await expect(
      DashboardPage({ params: Promise.resolve({ tenant: a.tenant.slug, activityId: a.activity.id }) }),
    ).rejects.toSatisfy(isNotFound);
    as('OPERATOR');
    expect(
      (await DashboardPage({ params: Promise.resolve({ tenant: a.tenant.slug, activityId: a.activity.id }) })).props
        .actions,
    ).not.toBeNull();
  });
});

describe('GET /t/{tenant}/activities/{id}/dashboard/data', () => {
  it('answers an ANALYST with the figures; 401 signed out; 404 for another tenant, its activity, or a bad id', async () => {
    as('ANALYST');
    const ok = await data(a.tenant.slug, a.activity.id);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toContain('no-store');
    expect(ok.json).toMatchObject({ activity: { id: a.activity.id, status: 'LIVE' }, totals: { draws: 0 } });
    expect(ok.json.tiers).toHaveLength(2);
    expect((await data(a.tenant.slug, b.activity.id)).status).toBe(404);
    expect((await data(a.tenant.slug, 'not-a-uuid')).status).toBe(404);
    expect((await data(b.tenant.slug, b.activity.id)).status).toBe(404); // not a member of B
    as('OUTSIDER');
    expect((await data(a.tenant.slug, a.activity.id)).status).toBe(404);
    as(null);
    expect((await data(a.tenant.slug, a.activity.id)).status).toBe(401);
  });
});

describe('adjustTierAction', () => {
  it('is refused for an ANALYST and when signed out, and nothing changes', async () => {
    const before = await tierState(tierA().id);
    for (const who of ['ANALYST', null] as const) {
      as(who);
      const r = await adjustTierAction(a.tenant.slug, a.activity.id, tierA().id, {
        probability: 0.3,
        expected: { probability: 0.1, stock: 50 },
      });
      expect(r).toMatchObject({ ok: false, error: { code: who ? 'FORBIDDEN' : 'UNAUTHORIZED' } });
    }
    expect(await tierState(tierA().id)).toEqual(before);
  });

  it('finds nothing of another tenant: its activity, its tier, or its console', async () => {
    const tierB = b.activity.tiers[0]!;
    as('OPERATOR');
    const change = { probability: 0.3, expected: { probability: 0.1, stock: 50 } };
    expect(await adjustTierAction(a.tenant.slug, b.activity.id, tierB.id, change)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await adjustTierAction(a.tenant.slug, a.activity.id, tierB.id, change)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await adjustTierAction(b.tenant.slug, b.activity.id, tierB.id, change)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    as('OUTSIDER');
    expect(await adjustTierAction(a.tenant.slug, a.activity.id, tierA().id, change)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await tierState(tierB.id)).toEqual({ probabilityMicros: 100_000, stock: 50 });
  });

  it('lists a change applied live (Edit live) among the recent changes, by its versions and summary', async () => {
    const live = await liveActivity((p) => [
      { name: 'Gold', probability: 0.1, stock: 50, prizes: [{ prizeId: p[0]! }] },
    ]);
    const gold = live.activity.tiers[0]!;
    const input = { patch: { name: 'Renamed live', tiers: [{ id: gold.id, stock: 70 }] } };
    const change = await proposeChange(live.tenant.id, testActor, { activityId: live.activity.id, input });
    expect(change.status).toBe('APPLIED');
    const { changes } = await getDashboardData(live.tenant.id, live.activity.id);
    expect(changes[0]).toMatchObject({
      action: 'change.apply',
      objectType: 'Change',
      objectName: 'Renamed live',
      before: { version: 1 },
      after: { version: 2, summary: expect.stringContaining('Gold: stock 50 → 70') },
    });
    // Another activity's changes are not its.
    expect((await getDashboardData(b.tenant.id, b.activity.id)).changes.map((c) => c.action)).not.toContain(
      'change.apply',
    );
  });

  it('changes odds and stock for an OPERATOR with one audit row (before → after); a stale preview is refused', async () => {
    as('OPERATOR');
    const r = await adjustTierAction(a.tenant.slug, a.activity.id, tierA().id, {
      probability: 0.15,
      stock: 60,
      expected: { probability: 0.1, stock: 50 },
    });
    expect(r).toMatchObject({ ok: true });
    expect(await tierState(tierA().id)).toEqual({ probabilityMicros: 150_000, stock: 60 });
    const audit = await db.auditLog.findMany({
      where: { tenantId: a.tenant.id, objectId: tierA().id, action: 'tier.update' },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorType: 'OPERATOR',
      actorId: people.OPERATOR,
      before: { probability: 0.1, stock: 50 },
      after: { probability: 0.15, stock: 60 },
    });
    // The dashboard lists the change beside its effect, with the tier's name, newest first.
    const { changes } = await getDashboardData(a.tenant.id, a.activity.id);
    expect(changes[0]).toMatchObject({
      action: 'tier.update',
      objectType: 'Tier',
      objectName: tierA().name,
      actorType: 'OPERATOR',
      after: { probability: 0.15, stock: 60 },
    });
    expect((await getDashboardData(b.tenant.id, b.activity.id)).changes.map((c) => c.objectName)).not.toContain(
      tierA().name,
    );
    // The preview still says 0.1 / 50: someone else's change is not overwritten.
    expect(
      await adjustTierAction(a.tenant.slug, a.activity.id, tierA().id, {
        probability: 0.2,
        expected: { probability: 0.1, stock: 50 },
      }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await tierState(tierA().id)).toEqual({ probabilityMicros: 150_000, stock: 60 });
    // Unknown fields are refused at the edge.
    expect(
      await adjustTierAction(a.tenant.slug, a.activity.id, tierA().id, {
        probability: 0.2,
        sneaky: 1,
        expected: { probability: 0.15, stock: 60 },
      }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });
});

describe('changeStatusAction', () => {
  it("is refused for an ANALYST; another tenant's activity is not found; nothing changes", async () => {
    as('ANALYST');
    expect(
      await changeStatusAction(a.tenant.slug, a.activity.id, { transition: 'pause', expectedStatus: 'LIVE' }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    as('OPERATOR');
    expect(
      await changeStatusAction(a.tenant.slug, b.activity.id, { transition: 'pause', expectedStatus: 'LIVE' }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    as('OUTSIDER');
    expect(
      await changeStatusAction(a.tenant.slug, a.activity.id, { transition: 'pause', expectedStatus: 'LIVE' }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await statusOf(a.activity.id)).toBe('LIVE');
    expect(await statusOf(b.activity.id)).toBe('LIVE');
  });

  it('pauses and resumes for an OPERATOR, each audited; a stale preview is refused', async () => {
    as('OPERATOR');
    expect(
      await changeStatusAction(a.tenant.slug, a.activity.id, { transition: 'pause', expectedStatus: 'LIVE' }),
    ).toMatchObject({ ok: true, data: { activity: { status: 'PAUSED' } } });
    expect(await statusOf(a.activity.id)).toBe('PAUSED');
    expect(
      await changeStatusAction(a.tenant.slug, a.activity.id, { transition: 'end', expectedStatus: 'LIVE' }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(
      await changeStatusAction(a.tenant.slug, a.activity.id, { transition: 'resume', expectedStatus: 'PAUSED' }),
    ).toMatchObject({ ok: true, data: { activity: { status: 'LIVE' } } });
    const audit = await db.auditLog.findMany({
      where: { tenantId: a.tenant.id, objectId: a.activity.id, action: { in: ['activity.pause', 'activity.resume'] } },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((x) => [x.action, x.before, x.after, x.actorId])).toEqual([
      ['activity.pause', { status: 'LIVE' }, { status: 'PAUSED' }, people.OPERATOR],
      ['activity.resume', { status: 'PAUSED' }, { status: 'LIVE' }, people.OPERATOR],
    ]);
  });

  it('audits a status change under the request id the browser named', async () => {
    as('OPERATOR');
    const requestId = crypto.randomUUID();
    const change = { transition: 'pause', expectedStatus: 'LIVE' };
    expect(await changeStatusAction(a.tenant.slug, a.activity.id, change, requestId)).toMatchObject({ ok: true });
    const audit = await db.auditLog.findFirstOrThrow({
      where: { tenantId: a.tenant.id, objectId: a.activity.id, action: 'activity.pause' },
      orderBy: { id: 'desc' },
    });
    expect(audit.requestId).toBe(requestId);
    await changeStatusAction(a.tenant.slug, a.activity.id, { transition: 'resume', expectedStatus: 'PAUSED' });
  });
});

describe('acknowledging an activity alert from the dashboard', () => {
  it("is refused for an ANALYST; another tenant's alert is not found; an OPERATOR acknowledges it and it leaves the dashboard", async () => {
    const mine = await db.alert.create({
      data: {
        tenantId: a.tenant.id,
        activityId: a.activity.id,
        kind: 'stock.hot-state',
        severity: 'WARNING',
        message: 'drift A',
      },
    });
    const theirs = await db.alert.create({
      data: {
        tenantId: b.tenant.id,
        activityId: b.activity.id,
        kind: 'stock.hot-state',
        severity: 'WARNING',
        message: 'drift B',
      },
    });
    as('ANALYST');
    expect((await data(a.tenant.slug, a.activity.id)).json.alerts.map((x: { id: string }) => x.id)).toEqual([mine.id]);
    expect(await acknowledgeAlertAction(a.tenant.slug, mine.id)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    as('OPERATOR');
    expect(await acknowledgeAlertAction(a.tenant.slug, theirs.id)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await acknowledgeAlertAction(a.tenant.slug, mine.id)).toMatchObject({ ok: true });
    expect((await data(a.tenant.slug, a.activity.id)).json.alerts).toEqual([]);
    expect((await db.alert.findUniqueOrThrow({ where: { id: theirs.id } })).acknowledgedAt).toBeNull();
  });
});

describe('adjustTierAction under an approval policy', () => {
  it('sends the change for approval instead of applying it; another operator approves it', async () => {
    const { setApprovalPolicy } = await import('@/lib/activities/approval-policy');
    const { approveChange } = await import('@/lib/activities/review-change');
    const live = await liveActivity((p) => [{ probability: 0.1, stock: 50, prizes: [{ prizeId: p[0]! }] }]);
    const ops = await membersOfEachRole(live.tenant.id);
    await setApprovalPolicy(live.tenant.id, { type: 'SYSTEM', id: 'test' }, { required: 1 });
    const tier = live.activity.tiers[0]!;
    session.operatorId = ops.OPERATOR;
    const r = await adjustTierAction(live.tenant.slug, live.activity.id, tier.id, {
      probability: 0.2,
      expected: { probability: 0.1, stock: 50 },
    });
    expect(r).toMatchObject({ ok: true, data: { pendingChange: { approvalsRequired: 1 } } });
    expect(await tierState(tier.id)).toEqual({ probabilityMicros: 100_000, stock: 50 });
    const changeId = (r as { data: { pendingChange: { id: string } } }).data.pendingChange.id;
    const approved = await approveChange(live.tenant.id, { type: 'OPERATOR', id: ops.OWNER }, changeId);
    expect(approved.status).toBe('APPLIED');
    expect(await tierState(tier.id)).toEqual({ probabilityMicros: 200_000, stock: 50 });
  });
});

// The console's change actions (the Changes inbox, Edit live, Restore, the policy in Settings):
// guarded on the server by role and tenant, calling the same lib functions as the API as the
// signed-in operator, with the four-eyes rule, conflicts and their rebase, the review's diff that
// saves nothing, errors that carry their details and request id, and the simulator on both
// configurations.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { closeQueues } from '@/lib/queues';
import { liveActivity } from '../helpers/activities';
import { freshTenant, membersOfEachRole } from '../helpers/fixtures';

const session = vi.hoisted(() => ({ operatorId: null as string | null }));
vi.mock('server-only', () => ({}));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
vi.mock('next-auth/next', () => ({
  getServerSession: async () => (session.operatorId ? { user: { id: session.operatorId } } : null),
}));

const actions = await import('@/app/(console)/t/[tenant]/changes/actions');
const { setApprovalPolicyAction } = await import('@/app/(console)/t/[tenant]/settings/approvals-actions');

type Role = 'OWNER' | 'OPERATOR' | 'ANALYST';
type Tenant = Awaited<ReturnType<typeof freshTenant>>;

afterAll(async () => {
  await closeQueues();
});

async function goldActivity(tenant: Tenant) {
  return liveActivity(
    (p) => [
      { name: 'Gold', probability: 0.1, stock: 100, prizes: [{ prizeId: p[0]! }] },
      { name: 'Silver', probability: 0.2, stock: 200, prizes: [{ prizeId: p[0]! }] },
    ],
    { stocks: [1000], tenant, overrides: { limits: { freeDrawsPerDay: 10 } } },
  );
}

let tenantA: Tenant;
let tenantB: Tenant;
const people = {} as Record<Role, string>;
const peopleB = {} as Record<Role, string>;
const as = (id: string | null) => {
  session.operatorId = id;
};
const probabilityOf = async (tierId: string) =>
  (await db.tier.findUniqueOrThrow({ where: { id: tierId }, select: { probabilityMicros: true } })).probabilityMicros;

beforeAll(async () => {
  tenantA = await freshTenant();
  tenantB = await freshTenant();
  Object.assign(people, await membersOfEachRole(tenantA.id));
  Object.assign(peopleB, await membersOfEachRole(tenantB.id));
});

describe('console change actions', () => {
  it('previewChangeAction: the diff of a patch, nothing saved; a bad field is named, with a request id', async () => {
    const { activity } = await goldActivity(tenantA);
    const gold = activity.tiers[0]!.id;
    as(people.OPERATOR);
    const r = await actions.previewChangeAction(tenantA.slug, activity.id, {
      patch: { tiers: [{ id: gold, probability: 0.15 }] },
      baseVersion: 1,
    });
    expect(r).toMatchObject({
      ok: true,
      data: { baseVersion: 1, diff: { entries: [{ kind: 'odds', beforePercent: 10, afterPercent: 15 }] } },
    });
    expect(await db.change.count({ where: { activityId: activity.id } })).toBe(0);
    const bad = await actions.previewChangeAction(tenantA.slug, activity.id, {
      patch: { tiers: [{ id: gold, probability: 7 }] },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    if (bad.ok) throw new Error('unreachable');
    expect(bad.error.message).toContain('patch.tiers.0.probability');
    expect(bad.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('an analyst can neither preview nor propose; nothing is written', async () => {
    const { activity } = await goldActivity(tenantA);
    const gold = activity.tiers[0]!.id;
    as(people.ANALYST);
    const input = { patch: { tiers: [{ id: gold, probability: 0.15 }] } };
    expect(await actions.previewChangeAction(tenantA.slug, activity.id, input)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await actions.proposeChangeAction(tenantA.slug, activity.id, input)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    as(null);
    expect(await actions.proposeChangeAction(tenantA.slug, activity.id, input)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    });
    expect(await db.change.count({ where: { activityId: activity.id } })).toBe(0);
  });

  it('setApprovalPolicyAction: owners only, audited; a bad count is named and changes nothing', async () => {
    const tenant = await freshTenant();
    const ids = await membersOfEachRole(tenant.id);
    as(ids.OPERATOR);
    expect(await setApprovalPolicyAction(tenant.slug, { required: 1 })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    as(ids.OWNER);
    const bad = await setApprovalPolicyAction(tenant.slug, { required: 9, scope: ['odds'] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    if (bad.ok) throw new Error('unreachable');
    expect(bad.error.message).toContain('required');
    expect(await db.approvalPolicy.findUnique({ where: { tenantId: tenant.id } })).toBeNull();
    expect(await setApprovalPolicyAction(tenant.slug, { required: 2, scope: ['odds', 'stock'] })).toEqual({
      ok: true,
      data: { required: 2, scope: ['odds', 'stock'] },
    });
    const audit = await db.auditLog.findFirst({
      where: { tenantId: tenant.id, action: 'approvals.update' },
      select: { actorType: true, actorId: true },
    });
    expect(audit).toEqual({ actorType: 'OPERATOR', actorId: ids.OWNER });
    // Another tenant's settings through this owner: not found, untouched.
    expect(await setApprovalPolicyAction(tenantB.slug, { required: 3 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await db.approvalPolicy.findUnique({ where: { tenantId: tenantB.id } })).toBeNull();
  });

  it('four eyes: the proposer cannot approve; another operator approves and it applies', async () => {
    const tenant = await freshTenant();
    const ids = await membersOfEachRole(tenant.id);
    const { activity } = await goldActivity(tenant);
    const gold = activity.tiers[0]!.id;
    as(ids.OWNER);
    await setApprovalPolicyAction(tenant.slug, { required: 1, scope: ['odds'] });
    const proposed = await actions.proposeChangeAction(tenant.slug, activity.id, {
      patch: { tiers: [{ id: gold, probability: 0.25 }] },
      baseVersion: 1,
      reason: 'more gold',
    });
    expect(proposed).toMatchObject({ ok: true, data: { status: 'PENDING', approvalsRequired: 1 } });
    if (!proposed.ok) throw new Error('unreachable');
    const changeId = proposed.data.id;
    expect(await actions.approveChangeAction(tenant.slug, changeId)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await actions.rejectChangeAction(tenant.slug, changeId, { reason: 'mine' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await probabilityOf(gold)).toBe(100_000);
    as(ids.ANALYST);
    expect(await actions.approveChangeAction(tenant.slug, changeId)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    as(ids.OPERATOR);
    expect(await actions.approveChangeAction(tenant.slug, changeId)).toMatchObject({
      ok: true,
      data: { status: 'APPLIED', appliedVersion: 2, approvals: [{ by: { type: 'OPERATOR', id: ids.OPERATOR } }] },
    });
    expect(await probabilityOf(gold)).toBe(250_000);
  });

  it('reject with a reason, cancel, and edit (which voids approvals) from the inbox', async () => {
    const tenant = await freshTenant();
    const ids = await membersOfEachRole(tenant.id);
    const { activity } = await goldActivity(tenant);
    const gold = activity.tiers[0]!.id;
    as(ids.OWNER);
    await setApprovalPolicyAction(tenant.slug, { required: 2 });
    const propose = async (probability: number) => {
      const r = await actions.proposeChangeAction(tenant.slug, activity.id, {
        patch: { tiers: [{ id: gold, probability }] },
      });
      if (!r.ok) throw new Error(r.error.message);
      return r.data.id;
    };
    const one = await propose(0.3);
    const two = await propose(0.35);
    as(ids.OPERATOR);
    expect(await actions.rejectChangeAction(tenant.slug, one, { reason: 'too generous' })).toMatchObject({
      ok: true,
      data: { status: 'REJECTED', closedReason: 'too generous' },
    });
    expect(await actions.approveChangeAction(tenant.slug, two)).toMatchObject({
      ok: true,
      data: { status: 'PENDING' },
    });
    const edited = await actions.editChangeAction(tenant.slug, two, {
      patch: { tiers: [{ id: gold, probability: 0.12 }] },
      reason: 'smaller step',
    });
    expect(edited).toMatchObject({ ok: true, data: { status: 'PENDING', approvals: [], reason: 'smaller step' } });
    expect(await actions.cancelChangeAction(tenant.slug, two)).toMatchObject({
      ok: true,
      data: { status: 'CANCELLED' },
    });
    expect(await actions.cancelChangeAction(tenant.slug, two)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });
    expect(await probabilityOf(gold)).toBe(100_000);
  });

  it('a stale base is a CONFLICT naming the version in force; a CONFLICT change is rebased on it', async () => {
    const tenant = await freshTenant();
    const ids = await membersOfEachRole(tenant.id);
    const { activity } = await goldActivity(tenant);
    const [gold, silver] = activity.tiers.map((t) => t.id);
    as(ids.OWNER);
    await setApprovalPolicyAction(tenant.slug, { required: 1 });
    const first = await actions.proposeChangeAction(tenant.slug, activity.id, {
      patch: { tiers: [{ id: gold!, probability: 0.15 }] },
    });
    const second = await actions.proposeChangeAction(tenant.slug, activity.id, {
      patch: { tiers: [{ id: silver!, probability: 0.25 }] },
      reason: 'more silver',
    });
    if (!first.ok || !second.ok) throw new Error('proposals failed');
    as(ids.OPERATOR);
    expect(await actions.approveChangeAction(tenant.slug, first.data.id)).toMatchObject({
      ok: true,
      data: { status: 'APPLIED', appliedVersion: 2 },
    });
    // Reviewed on v1, submitted after v2 applied.
    const stale = await actions.proposeChangeAction(tenant.slug, activity.id, {
      patch: { tiers: [{ id: silver!, probability: 0.3 }] },
      baseVersion: 1,
    });
    expect(stale).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { baseVersion: 1, currentVersion: 2 } },
    });
    const conflicted = await actions.approveChangeAction(tenant.slug, second.data.id);
    expect(conflicted).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await db.change.findUniqueOrThrow({ where: { id: second.data.id } })).status).toBe('CONFLICT');
    as(ids.OWNER);
    const rebased = await actions.rebaseChangeAction(tenant.slug, second.data.id);
    expect(rebased).toMatchObject({
      ok: true,
      data: { status: 'PENDING', baseVersion: 2, reason: 'more silver', patch: second.data.patch },
    });
  });

  it('restoreVersionAction: back to version 1 after a change, as a change of its own', async () => {
    const tenant = await freshTenant();
    const ids = await membersOfEachRole(tenant.id);
    const { activity } = await goldActivity(tenant);
    const gold = activity.tiers[0]!.id;
    as(ids.OPERATOR);
    expect(
      await actions.proposeChangeAction(tenant.slug, activity.id, {
        patch: { tiers: [{ id: gold, probability: 0.2, stock: 150 }], limits: { maxDrawsPerDay: 20 } },
      }),
    ).toMatchObject({ ok: true, data: { status: 'APPLIED', appliedVersion: 2 } });
    expect(await actions.restoreVersionAction(tenant.slug, activity.id, 9, {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const restored = await actions.restoreVersionAction(tenant.slug, activity.id, 1, { reason: 'undo' });
    expect(restored).toMatchObject({ ok: true, data: { status: 'APPLIED', appliedVersion: 3, reason: 'undo' } });
    const versions = await db.configVersion.findMany({
      where: { activityId: activity.id },
      orderBy: { version: 'asc' },
      select: { hash: true },
    });
    expect(versions[2]!.hash).toBe(versions[0]!.hash);
  });

  it('a prize short of units: the error names the prize and the units (for the restock link)', async () => {
    const { activity, prizes } = await goldActivity(tenantA);
    const gold = activity.tiers[0]!.id;
    as(people.OPERATOR);
    const r = await actions.proposeChangeAction(tenantA.slug, activity.id, {
      patch: { tiers: [{ id: gold, stock: 801 }] },
    });
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'INSUFFICIENT_STOCK',
        details: {
          prizes: [expect.objectContaining({ prizeId: prizes[0]!.id, available: 700, needed: 701, missing: 1 })],
        },
      },
    });
  });

  it('simulateChangeAction: the same draws through the version in force and the proposed one', async () => {
    const { activity } = await goldActivity(tenantA);
    const gold = activity.tiers[0]!.id;
    as(people.OPERATOR);
    const r = await actions.simulateChangeAction(
      tenantA.slug,
      { activityId: activity.id, patch: { tiers: [{ id: gold, probability: 0 }] } },
      { draws: 2_000, shape: 'flat' },
    );
    if (!r.ok) throw new Error(r.error.message);
    const { current, proposed } = r.data;
    expect(current.tiers[0]!.wins).toBeGreaterThan(0);
    expect(proposed.tiers[0]!.wins).toBe(0);
    // Same randoms: Silver sits above Gold's removed band, so only Gold's draws turned into losses.
    expect(proposed.tiers[1]!.wins).toBe(current.tiers[1]!.wins);
    expect(proposed.noWin).toBe(current.noWin + current.tiers[0]!.wins);
    // Nothing changed in the records.
    expect(await probabilityOf(gold)).toBe(100_000);
    as(people.ANALYST);
    expect(
      await actions.simulateChangeAction(
        tenantA.slug,
        { activityId: activity.id, patch: { tiers: [{ id: gold, probability: 0 }] } },
        { draws: 10, shape: 'flat' },
      ),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it("another tenant's changes and activities are not found through this tenant's console, and untouched", async () => {
    const { activity } = await goldActivity(tenantB);
    const gold = activity.tiers[0]!.id;
    as(peopleB.OWNER);
    await setApprovalPolicyAction(tenantB.slug, { required: 1 });
    const theirs = await actions.proposeChangeAction(tenantB.slug, activity.id, {
      patch: { tiers: [{ id: gold, probability: 0.3 }] },
    });
    if (!theirs.ok) throw new Error(theirs.error.message);
    const changeId = theirs.data.id;
    // Tenant A's operator, through tenant A's console.
    as(people.OPERATOR);
    const notFound = { ok: false, error: { code: 'NOT_FOUND' } };
    const patch = { tiers: [{ id: gold, probability: 0.4 }] };
    expect(await actions.approveChangeAction(tenantA.slug, changeId)).toMatchObject(notFound);
    expect(await actions.rejectChangeAction(tenantA.slug, changeId, {})).toMatchObject(notFound);
    expect(await actions.cancelChangeAction(tenantA.slug, changeId)).toMatchObject(notFound);
    expect(await actions.editChangeAction(tenantA.slug, changeId, { patch })).toMatchObject(notFound);
    expect(await actions.rebaseChangeAction(tenantA.slug, changeId)).toMatchObject(notFound);
    expect(await actions.simulateChangeAction(tenantA.slug, { changeId }, { draws: 10, shape: 'flat' })).toMatchObject(
      notFound,
    );
    expect(await actions.previewChangeAction(tenantA.slug, activity.id, { patch })).toMatchObject(notFound);
    expect(await actions.proposeChangeAction(tenantA.slug, activity.id, { patch })).toMatchObject(notFound);
    expect(await actions.restoreVersionAction(tenantA.slug, activity.id, 1, {})).toMatchObject(notFound);
    // Tenant A's operator naming tenant B's slug: not a member there.
    expect(await actions.approveChangeAction(tenantB.slug, changeId)).toMatchObject(notFound);
    const row = await db.change.findUniqueOrThrow({ where: { id: changeId }, select: { status: true, hash: true } });
    expect(row).toEqual({ status: 'PENDING', hash: theirs.data.hash });
    expect(await db.change.count({ where: { activityId: activity.id } })).toBe(1);
    expect(await probabilityOf(gold)).toBe(100_000);
  });
});

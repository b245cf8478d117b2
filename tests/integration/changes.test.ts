// Changes of a live configuration through the management API: a proposed patch against a base
// version, its diff and cost, approvals by others than the proposer bound to the change's hash,
// conflicts, restore of an earlier version, the tier PATCH under a policy, break-glass pause.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { POST as proposeRoute } from '@/app/api/manage/activities/[id]/changes/route';
import { POST as pauseRoute } from '@/app/api/manage/activities/[id]/pause/route';
import { PATCH as patchTierRoute } from '@/app/api/manage/activities/[id]/tiers/[tierId]/route';
import { POST as restoreRoute } from '@/app/api/manage/activities/[id]/versions/[version]/restore/route';
import { GET as listRoute } from '@/app/api/manage/changes/route';
import { DELETE as cancelRoute, GET as getRoute, PATCH as editRoute } from '@/app/api/manage/changes/[changeId]/route';
import { POST as approveRoute } from '@/app/api/manage/changes/[changeId]/approve/route';
import { POST as rejectRoute } from '@/app/api/manage/changes/[changeId]/reject/route';
import { GET as publicActivityRoute } from '@/app/api/v1/activities/[activityId]/route';
import { PUT as policyRoute } from '@/app/api/manage/settings/approvals/route';
import { GET as versionRoute } from '@/app/api/manage/activities/[id]/versions/[version]/route';
import { restoreActivityJobs } from '@/lib/activities/restore-activity-jobs';
import { runScheduledChange } from '@/lib/activities/run-scheduled-change';
import { createApiKey } from '@/lib/auth/api-keys';
import { db } from '@/lib/db';
import { executeDraw } from '@/lib/draw/execute-draw';
import { drawKeys } from '@/lib/draw/keys';
import { reconcileActivity } from '@/lib/inventory/reconcile-activity';
import { closeQueues, getQueue } from '@/lib/queues';
import { createRedis } from '@/lib/redis';
import { createActivity } from '@/lib/activities/create-activity';
import { publishActivity } from '@/lib/activities/publish-activity';
import { addPrizeCodes } from '@/lib/prizes/add-prize-codes';
import { createPrize } from '@/lib/prizes/create-prize';
import { endUser, liveActivity, specFor, testActor } from '../helpers/activities';
import { bearer, callRoute, freshTenant, membersOfEachRole } from '../helpers/fixtures';

type Tenant = Awaited<ReturnType<typeof freshTenant>>;

const redis = createRedis('worker');
afterAll(async () => {
  await closeQueues();
  await redis.quit();
});

/** Two operators of the tenant, each with an API key of their own. */
async function twoOperators(tenant: Tenant) {
  const ids = await membersOfEachRole(tenant.id);
  const keyOf = async (id: string) =>
    bearer((await createApiKey(tenant.id, { type: 'OPERATOR', id }, `key of ${id}`)).key);
  return { alice: await keyOf(ids.OWNER), alice2: await keyOf(ids.OWNER), bob: await keyOf(ids.OPERATOR) };
}

const setPolicy = (auth: Record<string, string>, body: object) =>
  callRoute(policyRoute, { method: 'PUT', headers: auth, body });
const propose = (auth: Record<string, string>, activityId: string, body: object) =>
  callRoute(proposeRoute, { method: 'POST', headers: auth, params: { id: activityId }, body });
const approve = (auth: Record<string, string>, changeId: string) =>
  callRoute(approveRoute, { method: 'POST', headers: auth, params: { changeId } });

async function goldActivity(opts: { stock?: number; free?: number } = {}) {
  return liveActivity(
    (p) => [
      { name: 'Gold', probability: 0.1, stock: opts.stock ?? 100, prizes: [{ prizeId: p[0]! }] },
      { name: 'Silver', probability: 0.2, stock: 200, prizes: [{ prizeId: p[0]! }] },
    ],
    { stocks: [1000], overrides: { limits: { freeDrawsPerDay: opts.free ?? 10 } } },
  );
}

describe('changes', () => {
  it("refuses to move a coupon prize's pool live (its units are the codes reserved at publish)", async () => {
    const tenant = await freshTenant();
    const coupon = await createPrize(tenant.id, testActor, { name: 'Coupon', kind: 'coupon', value: 5, stock: 0 });
    await addPrizeCodes(tenant.id, testActor, coupon.id, { codes: Array.from({ length: 50 }, (_, i) => `C-${i}`) });
    const spec = specFor([{ probability: 0.5, stock: 20, prizes: [{ prizeId: coupon.id }] }]);
    const activity = await publishActivity(tenant.id, testActor, (await createActivity(tenant.id, testActor, spec)).id);
    const tier = activity.tiers[0]!.id;
    const before = await db.activityStock.findMany({ where: { activityId: activity.id } });
    const res = await propose(bearer(tenant.apiKey), activity.id, { patch: { tiers: [{ id: tier, stock: 30 }] } });
    expect(res.status, JSON.stringify(res.json)).toBe(409);
    expect(await db.activityStock.findMany({ where: { activityId: activity.id } })).toEqual(before);
    expect((await db.tier.findUniqueOrThrow({ where: { id: tier } })).stock).toBe(20);
    // Odds alone still change.
    const odds = await propose(bearer(tenant.apiKey), activity.id, {
      patch: { tiers: [{ id: tier, probability: 0.4 }] },
    });
    expect(odds.status, JSON.stringify(odds.json)).toBe(201);
  });

  it('applies at once without a policy, with a diff in percentages and units and what it costs', async () => {
    const { tenant, activity, prizes } = await goldActivity();
    const auth = bearer(tenant.apiKey);
    const gold = activity.tiers[0]!.id;
    // More than the prize's free pool (700 of 1,000) can give: refused, nothing changed.
    const short = await propose(auth, activity.id, { patch: { tiers: [{ id: gold, stock: 801 }] } });
    expect(short.status).toBe(409);
    expect(short.json.error.code).toBe('INSUFFICIENT_STOCK');
    const res = await propose(auth, activity.id, {
      patch: { tiers: [{ id: gold.toUpperCase(), probability: 0.15, stock: 700 }], limits: { maxDrawsPerDay: 20 } },
      reason: 'more gold',
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json).toMatchObject({ status: 'APPLIED', baseVersion: 1, appliedVersion: 2, approvals: [] });
    expect(res.json.diff.entries).toEqual([
      expect.objectContaining({ kind: 'odds', tierId: gold, beforePercent: 10, afterPercent: 15 }),
      expect.objectContaining({ kind: 'stock', tierId: gold, before: 100, after: 700, deltaUnits: 600 }),
      expect.objectContaining({ kind: 'limits', path: 'limits.maxDrawsPerDay', before: null, after: 20 }),
    ]);
    // The pool held 300 (100 + 200); it needs 900 now: 600 reserved through the ledger.
    expect(res.json.diff.cost).toEqual([
      { prizeId: prizes[0]!.id, needBefore: 300, needAfter: 900, reserve: 600, release: 0 },
    ]);
    const moves = await db.stockMovement.findMany({
      where: { activityId: activity.id, reason: `change ${res.json.id}` },
    });
    expect(moves).toEqual([expect.objectContaining({ kind: 'RESERVE', activityDelta: 600, poolDelta: -600 })]);
    const a = await db.activity.findUniqueOrThrow({
      where: { id: activity.id },
      select: { configVersion: true, maxDrawsPerDay: true },
    });
    expect(a).toEqual({ configVersion: 2, maxDrawsPerDay: 20 });
    const drawId = (await executeDraw(endUser(tenant, 'u1'), activity.id, randomUUID())).drawId;
    expect((await db.draw.findUniqueOrThrow({ where: { id: drawId } })).configVersion).toBe(2);
    // Redis, the pools and the ledger agree.
    expect(await reconcileActivity(activity.id)).toEqual([]);
  });

  it('waits for an approval by someone other than the proposer, then applies; draws name their version', async () => {
    const { tenant, activity } = await goldActivity();
    const ops = await twoOperators(tenant);
    expect((await setPolicy(ops.alice, { required: 1, scope: ['odds'] })).json).toEqual({
      required: 1,
      scope: ['odds'],
    });
    const draw = async () => (await executeDraw(endUser(tenant, 'u1'), activity.id, randomUUID())).drawId;
    const before = await draw();

    const gold = activity.tiers[0]!.id;
    const res = await propose(ops.alice, activity.id, { patch: { tiers: [{ id: gold, probability: 0.3 }] } });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ status: 'PENDING', approvalsRequired: 1, approvals: [] });
    const id = res.json.id as string;
    // The proposer cannot approve, nor through another key of theirs.
    expect((await approve(ops.alice, id)).status).toBe(403);
    expect((await approve(ops.alice2, id)).status).toBe(403);
    const between = await draw();
    const approved = await approve(ops.bob, id.toUpperCase());
    expect(approved.status).toBe(200);
    expect(approved.json).toMatchObject({ status: 'APPLIED', appliedVersion: 2 });
    expect(approved.json.approvals).toHaveLength(1);
    const after = await draw();
    const versionOf = async (drawId: string) =>
      (await db.draw.findUniqueOrThrow({ where: { id: drawId } })).configVersion;
    expect([await versionOf(before), await versionOf(between), await versionOf(after)]).toEqual([1, 1, 2]);
    // The end user's disclosure names the version in force, with its odds.
    const token = await tenant.userToken('u1');
    const disclosed = await callRoute(publicActivityRoute, {
      headers: bearer(token),
      params: { activityId: activity.id },
    });
    expect(disclosed.json).toMatchObject({ configVersion: 2, tiers: [{ id: gold, probability: 0.3 }, {}] });
    const tier = await db.tier.findUniqueOrThrow({ where: { id: gold } });
    expect(tier.probabilityMicros).toBe(300_000);
    // A limits change is outside the policy's scope: it applies at once.
    const limits = await propose(ops.alice, activity.id, { patch: { limits: { freeDrawsPerDay: 5 } } });
    expect(limits.json.status).toBe('APPLIED');
  });

  it('voids approvals when a change is edited, and refuses the second of two changes on one base', async () => {
    const { tenant, activity } = await goldActivity();
    const ops = await twoOperators(tenant);
    const third = bearer(tenant.apiKey);
    await setPolicy(ops.alice, { required: 2 });
    const gold = activity.tiers[0]!.id;
    const first = (await propose(ops.alice, activity.id, { patch: { tiers: [{ id: gold, probability: 0.3 }] } })).json;
    const second = (await propose(ops.alice, activity.id, { patch: { tiers: [{ id: gold, stock: 150 }] } })).json;
    expect((await approve(ops.bob, first.id)).json.approvals).toHaveLength(1);
    const edited = await callRoute(editRoute, {
      method: 'PATCH',
      headers: ops.alice,
      params: { changeId: first.id },
      body: { patch: { tiers: [{ id: gold, probability: 0.25 }] } },
    });
    expect(edited.status).toBe(200);
    expect(edited.json.hash).not.toBe(first.hash);
    expect(edited.json).toMatchObject({ status: 'PENDING', approvals: [] });
    // The same approver approves the new hash; one more makes two.
    expect((await approve(ops.bob, first.id)).json.approvals).toHaveLength(1);
    expect((await approve(ops.bob, first.id)).status).toBe(409);
    expect((await approve(third, first.id)).json.status).toBe('APPLIED');

    await approve(ops.bob, second.id);
    const conflict = await approve(third, second.id);
    expect(conflict.status).toBe(409);
    expect(conflict.json.error).toMatchObject({ code: 'CONFLICT', details: { baseVersion: 1, currentVersion: 2 } });
    const read = await callRoute(getRoute, { headers: third, params: { changeId: second.id } });
    expect(read.json.status).toBe('CONFLICT');
    expect((await db.tier.findUniqueOrThrow({ where: { id: gold } })).stock).toBe(100);
    // Proposing on a stale base is refused at once, naming the version to rebase on.
    const stale = await propose(ops.alice, activity.id, {
      patch: { tiers: [{ id: gold, stock: 120 }] },
      baseVersion: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.json.error.details).toEqual({ baseVersion: 1, currentVersion: 2 });
  });

  it('restores version 1 after three changes to a configuration with version 1 hash', async () => {
    const { tenant, activity } = await goldActivity();
    const auth = bearer(tenant.apiKey);
    const [gold, silver] = activity.tiers.map((t) => t.id);
    for (const patch of [
      { tiers: [{ id: gold, probability: 0.2 }] },
      { tiers: [{ id: silver, stock: 250 }], limits: { maxWinsPerUser: 3 } },
      { tiers: [{ id: gold, stock: 90, probability: 0.05 }] },
    ]) {
      expect((await propose(auth, activity.id, { patch })).json.status).toBe('APPLIED');
    }
    const restore = await callRoute(restoreRoute, {
      method: 'POST',
      headers: auth,
      params: { id: activity.id, version: '1' },
    });
    expect(restore.status).toBe(201);
    expect(restore.json).toMatchObject({ status: 'APPLIED', appliedVersion: 5, reason: 'restore version 1' });
    const version = async (v: number) =>
      (await callRoute(versionRoute, { headers: auth, params: { id: activity.id, version: String(v) } })).json;
    expect((await version(5)).hash).toBe((await version(1)).hash);
    // Restoring what is in force changes nothing: refused.
    const again = await callRoute(restoreRoute, {
      method: 'POST',
      headers: auth,
      params: { id: activity.id, version: '5' },
    });
    expect(again.status).toBe(409);
  });

  it('answers 202 with the pending change when the tier PATCH falls under the policy', async () => {
    const { tenant, activity } = await goldActivity();
    const ops = await twoOperators(tenant);
    await setPolicy(ops.alice, { required: 1, scope: ['stock'] });
    const gold = activity.tiers[0]!.id;
    const patch = (body: object) =>
      callRoute(patchTierRoute, {
        method: 'PATCH',
        headers: ops.alice,
        params: { id: activity.id, tierId: gold },
        body,
      });
    const odds = await patch({ probability: 0.12 });
    expect(odds.status).toBe(200);
    const stock = await patch({ stock: 120 });
    expect(stock.status).toBe(202);
    expect(stock.json).toMatchObject({ status: 'PENDING', baseVersion: 2, activityId: activity.id });
    expect((await db.tier.findUniqueOrThrow({ where: { id: gold } })).stock).toBe(100);
    const list = await callRoute(listRoute, {
      headers: ops.bob,
      path: `/api/manage/changes?activityId=${activity.id.toUpperCase()}&status=PENDING`,
    });
    expect(list.json.map((c: { id: string }) => c.id)).toEqual([stock.json.id]);
    const rejected = await callRoute(rejectRoute, {
      method: 'POST',
      headers: ops.bob,
      params: { changeId: stock.json.id },
      body: { reason: 'not now' },
    });
    expect(rejected.json).toMatchObject({ status: 'REJECTED', closedReason: 'not now' });
    expect((await approve(ops.bob, stock.json.id)).status).toBe(409);
  });

  it('lets pause through without approval, but under a policy only with a reason, audited and alerted', async () => {
    const { tenant, activity } = await goldActivity();
    const auth = bearer(tenant.apiKey);
    await setPolicy(auth, { required: 1 });
    const pause = (body?: object) =>
      callRoute(pauseRoute, { method: 'POST', headers: auth, params: { id: activity.id }, ...(body ? { body } : {}) });
    const refused = await pause();
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.json.error)).toContain('reason');
    expect((await pause({ reason: 'bad\u0000' })).status).toBe(400);
    const paused = await pause({ reason: 'odds look wrong' });
    expect(paused.status).toBe(200);
    expect(paused.json.status).toBe('PAUSED');
    const audit = await db.auditLog.findFirstOrThrow({ where: { tenantId: tenant.id, action: 'activity.pause' } });
    expect(audit.after).toMatchObject({ reason: 'odds look wrong', breakGlass: true });
    expect(await db.alert.count({ where: { activityId: activity.id, kind: 'activity.pause' } })).toBe(1);
  });

  it('refuses hostile input with 400 naming the field, and changes nothing', async () => {
    const { tenant, activity } = await goldActivity();
    const auth = bearer(tenant.apiKey);
    const gold = activity.tiers[0]!.id;
    const bad = [
      { patch: { tiers: [{ id: gold, probability: 0.5 }] }, extra: 1 },
      { patch: { tiers: [{ id: gold, probability: 0.5, prizes: [] }] } },
      { patch: { removeTiers: [randomUUID()] } },
      { patch: { removeTiers: [gold], tiers: [{ id: gold, stock: 5 }] } },
      { patch: { tasks: [{ id: randomUUID(), chances: 2 }] } },
      { patch: { tasks: [{ kind: 'sign_in', name: '', chances: 1 }] } },
      { patch: { materials: { themeColor: 'red' } } },
      { patch: { endsAt: 'tomorrow' } },
      { patch: { claimWindowHours: 0 } },
      { patch: { tiers: [{ id: gold, probability: 0.5 }] }, reason: 'a\u0000b' },
      { patch: { tiers: [{ id: gold, probability: 0.9 }] } },
      { patch: { tiers: [{ id: randomUUID(), stock: 5 }] } },
      { patch: { tiers: [{ id: gold, probability: 0.1 }] } },
      { patch: {} },
      { patch: { limits: { freeDrawsPerDay: 20, maxDrawsPerDay: 5 } } },
      { patch: { tiers: [{ id: gold, stock: -1 }] } },
      { patch: { tiers: [{ id: gold, stock: 1 }] }, applyAt: '2027-02-30T00:00:00Z' },
    ];
    for (const body of bad) {
      const res = await propose(auth, activity.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe('VALIDATION_FAILED');
    }
    const nul = await propose(auth, activity.id, { patch: { tiers: [{ id: gold, stock: 5 }] }, reason: 'x\u0000' });
    expect(JSON.stringify(nul.json.error)).toContain('reason');
    expect((await setPolicy(auth, { required: 6 })).status).toBe(400);
    expect((await setPolicy(auth, { required: 1, scope: ['nope'] })).status).toBe(400);
    expect((await db.activity.findUniqueOrThrow({ where: { id: activity.id } })).configVersion).toBe(1);
  });

  it("never shows or touches another tenant's changes", async () => {
    const { tenant, activity } = await goldActivity();
    const auth = bearer(tenant.apiKey);
    await setPolicy(auth, { required: 1 });
    const gold = activity.tiers[0]!.id;
    const change = (await propose(auth, activity.id, { patch: { tiers: [{ id: gold, stock: 120 }] } })).json;
    const other = bearer((await freshTenant()).apiKey);
    const params = { changeId: change.id };
    expect((await callRoute(getRoute, { headers: other, params })).status).toBe(404);
    expect(
      (await callRoute(editRoute, { method: 'PATCH', headers: other, params, body: { reason: 'x' } })).status,
    ).toBe(404);
    expect((await callRoute(cancelRoute, { method: 'DELETE', headers: other, params })).status).toBe(404);
    expect((await approve(other, change.id)).status).toBe(404);
    expect((await callRoute(rejectRoute, { method: 'POST', headers: other, params })).status).toBe(404);
    expect((await propose(other, activity.id, { patch: { tiers: [{ id: gold, stock: 130 }] } })).status).toBe(404);
    const restore = await callRoute(restoreRoute, {
      method: 'POST',
      headers: other,
      params: { id: activity.id, version: '1' },
    });
    expect(restore.status).toBe(404);
    expect((await callRoute(listRoute, { headers: other, path: '/api/manage/changes' })).json).toEqual([]);
    const filtered = await callRoute(listRoute, {
      headers: other,
      path: `/api/manage/changes?activityId=${activity.id}`,
    });
    expect(filtered.status).toBe(404);
    expect((await callRoute(getRoute, { headers: auth, params: { changeId: 'not-a-uuid' } })).status).toBe(404);
    expect((await callRoute(listRoute, { headers: auth, path: '/api/manage/changes?bogus=1' })).status).toBe(400);
    // Cancelled by its own tenant, it can no longer be approved.
    expect((await callRoute(cancelRoute, { method: 'DELETE', headers: auth, params })).json.status).toBe('CANCELLED');
  });

  it('is live when it answers even when the hot state was lost', async () => {
    const { tenant, activity } = await goldActivity();
    const k = drawKeys(activity.id);
    await redis.del(k.cfg, k.stock, k.issued);
    const gold = activity.tiers[0]!.id;
    const res = await propose(bearer(tenant.apiKey), activity.id, {
      patch: { tiers: [{ id: gold, probability: 0.5, stock: 120 }] },
    });
    expect(res.json.status).toBe('APPLIED');
    expect(await redis.hget(k.cfg, 'version')).toBe('2');
    expect(JSON.parse((await redis.hget(k.cfg, 'tiers'))!)[0].p).toBe(500_000);
    expect(await redis.hget(k.stock, `t:${gold}`)).toBe('120');
  });

  it('queues a scheduled change once, and again from PostgreSQL when its job was lost', async () => {
    const { tenant, activity } = await goldActivity();
    const gold = activity.tiers[0]!.id;
    const applyAt = new Date(Date.now() + 3_600_000);
    const res = await propose(bearer(tenant.apiKey), activity.id, {
      patch: { tiers: [{ id: gold, probability: 0.05 }] },
      applyAt: applyAt.toISOString(),
    });
    expect(res.json).toMatchObject({ status: 'SCHEDULED', applyAt: applyAt.toISOString() });
    const queue = getQueue('apply-change');
    const jobId = `change-${res.json.id}-${(res.json.hash as string).slice(0, 16)}`;
    const job = await queue.getJob(jobId);
    expect(job?.data).toEqual({ tenantId: tenant.id, changeId: res.json.id });
    expect(job!.opts.delay).toBeGreaterThan(3_500_000);
    await job!.remove();
    // Redis lost it: the workers' restore makes it again from the records.
    await restoreActivityJobs();
    expect((await queue.getJob(jobId))?.data).toEqual({ tenantId: tenant.id, changeId: res.json.id });
    // Run early (a clock behind), the job applies nothing.
    expect(await runScheduledChange(tenant.id, res.json.id)).toBe('not due');
    expect((await db.activity.findUniqueOrThrow({ where: { id: activity.id } })).configVersion).toBe(1);
    await (await queue.getJob(jobId))?.remove();
    // Due after the activity ended: it can no longer apply, and is closed saying why.
    await db.activity.update({ where: { id: activity.id }, data: { status: 'ENDED' } });
    await db.change.update({ where: { id: res.json.id }, data: { applyAt: new Date(Date.now() - 1) } });
    expect(await runScheduledChange(tenant.id, res.json.id)).toBe('cancelled');
    const closed = await db.change.findUniqueOrThrow({ where: { id: res.json.id } });
    expect(closed).toMatchObject({ status: 'CANCELLED', closedById: 'scheduler' });
    expect(closed.closedReason).toMatch(/ENDED/);
  });
});

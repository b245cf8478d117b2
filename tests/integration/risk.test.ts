// Real-time risk control, through the real draw against real Redis and
// PostgreSQL: rate limits hold under a burst and refused draws consume nothing; blacklists,
// young accounts and crowded devices are refused with their codes; FORCE_LOSE and HOLD act
// on the draw; every hit is a RiskEvent; the rules survive Redis losing them.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getMyState } from '@/lib/chances/get-my-state';
import { db } from '@/lib/db';
import { executeDraw } from '@/lib/draw/execute-draw';
import { claimWin } from '@/lib/fulfilment/claim-win';
import { approveHeldWin, rejectHeldWin } from '@/lib/fulfilment/review-held-win';
import { voidWin } from '@/lib/fulfilment/void-win';
import { requestRedis } from '@/lib/redis';
import { riskKeys } from '@/lib/risk/keys';
import {
  createRiskRule,
  importRiskList,
  parseRiskListCsv,
  addRiskListEntries,
  setRiskRuleEnabled,
} from '@/lib/risk/manage-risk';
import { findRiskAnomalies } from '@/lib/risk/find-anomalies';
import { flushRiskEvents } from '@/lib/risk/risk-events';
import { RiskRuleSpec } from '@/lib/risk/schemas';
import { endUser, liveActivity, testActor } from '../helpers/activities';

const rule = (spec: object) => RiskRuleSpec.parse(spec);
type Outcome = { ok: true } | { ok: false; code: string; retryAfter?: string };
const attempt = (p: Promise<unknown>): Promise<Outcome> =>
  p.then(
    () => ({ ok: true as const }),
    (e: { code: string; headers?: Record<string, string> }) => ({
      ok: false as const,
      code: e.code,
      ...(e.headers?.['retry-after'] ? { retryAfter: e.headers['retry-after'] } : {}),
    }),
  );

async function lostActivity() {
  return liveActivity((p) => [{ probability: 0, stock: 1, prizes: [{ prizeId: p[0]! }] }], {
    overrides: { limits: { freeDrawsPerDay: 3 } },
  });
}

describe('rate limits', () => {
  it('300 draws at once from one device and from one IP: the limits hold, refused draws consume nothing, each refusal is a RiskEvent', async () => {
    const { tenant, activity } = await lostActivity();
    await createRiskRule(tenant.id, testActor, rule({ kind: 'rate_limit_device', limit: 10, windowSeconds: 60 }));
    await createRiskRule(tenant.id, testActor, rule({ kind: 'rate_limit_ip', limit: 25, windowSeconds: 60 }));

    const fromDevice = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        attempt(
          executeDraw(endUser(tenant, `dev-${i}`, 'device-1'), activity.id, randomUUID(), { ip: `10.0.0.${i % 250}` }),
        ),
      ),
    );
    expect(fromDevice.filter((o) => o.ok)).toHaveLength(10);
    const limited = fromDevice.filter((o) => !o.ok);
    expect(new Set(limited.map((o) => !o.ok && o.code))).toEqual(new Set(['RATE_LIMITED']));
    expect(limited.every((o) => !o.ok && Number(o.retryAfter) >= 1 && Number(o.retryAfter) <= 60)).toBe(true);

    const fromIp = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        attempt(executeDraw(endUser(tenant, `ip-${i}`, `dev-ip-${i}`), activity.id, randomUUID(), { ip: '192.0.2.7' })),
      ),
    );
    expect(fromIp.filter((o) => o.ok)).toHaveLength(25);

    // Refused users still hold every chance; the admitted ones used one.
    const states = await Promise.all(
      ['dev-0', 'dev-1', 'dev-150', 'dev-299', 'ip-42'].map((u) => getMyState(endUser(tenant, u), activity.id)),
    );
    const drawn = await db.draw.findMany({ where: { activityId: activity.id }, select: { userId: true } });
    expect(drawn).toHaveLength(35);
    const drewOnce = new Set(drawn.map((d) => d.userId));
    for (const [i, u] of ['dev-0', 'dev-1', 'dev-150', 'dev-299', 'ip-42'].entries())
      expect(states[i]!.chances).toBe(drewOnce.has(u) ? 2 : 3);

    await flushRiskEvents();
    const events = await db.riskEvent.groupBy({
      by: ['kind', 'action'],
      where: { activityId: activity.id },
      _count: { _all: true },
    });
    expect(events.map((e) => [e.kind, e.action, e._count._all]).sort()).toEqual([
      ['RATE_LIMIT_DEVICE', 'RATE_LIMITED', 290],
      ['RATE_LIMIT_IP', 'RATE_LIMITED', 275],
    ]);
  });

  it('a window slides: a draw is admitted again once the oldest admitted one is older than the window', async () => {
    const { tenant, activity } = await lostActivity();
    await createRiskRule(tenant.id, testActor, rule({ kind: 'rate_limit_user', limit: 2, windowSeconds: 60 }));
    const user = endUser(tenant, 'slider');
    const t0 = Date.now();
    const at = (ms: number) => attempt(executeDraw(user, activity.id, randomUUID(), { now: t0 + ms }));
    expect(await at(0)).toEqual({ ok: true });
    expect(await at(1_000)).toEqual({ ok: true });
    expect(await at(2_000)).toMatchObject({ ok: false, code: 'RATE_LIMITED', retryAfter: '58' });
    expect(await at(59_999)).toMatchObject({ ok: false, code: 'RATE_LIMITED', retryAfter: '1' });
    // The draw at 0 has left the window; the one at 1 s has not.
    expect(await at(60_500)).toEqual({ ok: true });
    expect(await at(60_700)).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
  });

  it('never refuses the retry of a draw already made, and a disabled rule stops counting', async () => {
    const { tenant, activity } = await lostActivity();
    const r = await createRiskRule(
      tenant.id,
      testActor,
      rule({ kind: 'rate_limit_user', limit: 1, windowSeconds: 600 }),
    );
    const user = endUser(tenant, 'retrier');
    const key = randomUUID();
    const first = await executeDraw(user, activity.id, key);
    expect(await executeDraw(user, activity.id, key)).toEqual(first);
    expect(await attempt(executeDraw(user, activity.id, randomUUID()))).toMatchObject({
      ok: false,
      code: 'RATE_LIMITED',
    });
    await setRiskRuleEnabled(tenant.id, testActor, r.id, false);
    expect(await attempt(executeDraw(user, activity.id, randomUUID()))).toEqual({ ok: true });
  });
});

describe('refusals', () => {
  it('blacklisted user, device and IP (CSV import), a too young account, too many accounts on one device: each refused with its code', async () => {
    const { tenant, activity } = await lostActivity();
    await createRiskRule(tenant.id, testActor, rule({ kind: 'blacklist' }));
    await createRiskRule(tenant.id, testActor, rule({ kind: 'min_account_age', minAgeSeconds: 86_400 }));
    await createRiskRule(tenant.id, testActor, rule({ kind: 'accounts_per_device', max: 2 }));
    expect(
      await importRiskList(
        tenant.id,
        testActor,
        parseRiskListCsv('kind,value\nuser,cheater\ndevice,farm-phone\nip,203.0.113.9\n'),
      ),
    ).toEqual({ added: 3, lines: 3 });
    await expect(importRiskList(tenant.id, testActor, parseRiskListCsv('user,ok\nphone,123\n'))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { issues: [{ path: 'line 2' }] },
    });
    expect(await db.riskListEntry.count({ where: { tenantId: tenant.id } })).toBe(3);

    const draw = (u: string, opts: { dev?: string; ip?: string; acct?: number } = {}) =>
      attempt(
        executeDraw(
          { ...endUser(tenant, u, opts.dev), ...(opts.acct !== undefined ? { accountCreatedAt: opts.acct } : {}) },
          activity.id,
          randomUUID(),
          { ip: opts.ip ?? '198.51.100.1' },
        ),
      );
    const nowS = Math.floor(Date.now() / 1000);
    expect(await draw('cheater')).toEqual({ ok: false, code: 'RISK_BLOCKED' });
    expect(await draw('innocent', { dev: 'farm-phone' })).toEqual({ ok: false, code: 'RISK_BLOCKED' });
    expect(await draw('innocent', { ip: '203.0.113.9' })).toEqual({ ok: false, code: 'RISK_BLOCKED' });
    expect(await draw('newbie', { acct: nowS - 60 })).toEqual({ ok: false, code: 'RISK_BLOCKED' });
    expect(await draw('veteran', { acct: nowS - 30 * 86_400 })).toEqual({ ok: true });
    expect(await draw('innocent')).toEqual({ ok: true });
    expect(await draw('a', { dev: 'shared' })).toEqual({ ok: true });
    expect(await draw('b', { dev: 'shared' })).toEqual({ ok: true });
    expect(await draw('c', { dev: 'shared' })).toEqual({ ok: false, code: 'RISK_BLOCKED' });
    expect(await draw('a', { dev: 'shared' })).toEqual({ ok: true });
    expect((await getMyState(endUser(tenant, 'cheater'), activity.id)).chances).toBe(3);

    await flushRiskEvents();
    const kinds = (await db.riskEvent.findMany({ where: { activityId: activity.id }, orderBy: { id: 'asc' } })).map(
      (e) => `${e.kind}:${e.userId}`,
    );
    expect(kinds).toEqual([
      'BLACKLIST:cheater',
      'BLACKLIST:innocent',
      'BLACKLIST:innocent',
      'MIN_ACCOUNT_AGE:newbie',
      'ACCOUNTS_PER_DEVICE:c',
    ]);
  });

  it('keeps refusing after Redis lost the rules: they are rebuilt from the records, lists first', async () => {
    const { tenant, activity } = await lostActivity();
    await createRiskRule(tenant.id, testActor, rule({ kind: 'blacklist' }));
    await addRiskListEntries(tenant.id, testActor, { kind: 'user', values: ['cheater'] });
    const redis = await requestRedis();
    const k = riskKeys(tenant.id);
    await redis.del(k.rules, k.list('user'));
    expect(await attempt(executeDraw(endUser(tenant, 'cheater'), activity.id, randomUUID()))).toEqual({
      ok: false,
      code: 'RISK_BLOCKED',
    });
    expect(await redis.sismember(k.list('user'), 'cheater')).toBe(1);
  });

  it('applies a rule to its own tenant, and an activity’s rule to that activity only', async () => {
    const one = await lostActivity();
    const other = await lostActivity();
    const sameTenant = await liveActivity((p) => [{ probability: 0, stock: 1, prizes: [{ prizeId: p[0]! }] }], {
      tenant: one.tenant,
      overrides: { limits: { freeDrawsPerDay: 3 } },
    });
    await createRiskRule(
      one.tenant.id,
      testActor,
      rule({ kind: 'min_account_age', minAgeSeconds: 86_400, activityId: one.activity.id }),
    );
    const young = { accountCreatedAt: Math.floor(Date.now() / 1000) };
    expect(
      await attempt(executeDraw({ ...endUser(one.tenant, 'y'), ...young }, one.activity.id, randomUUID())),
    ).toEqual({ ok: false, code: 'RISK_BLOCKED' });
    expect(
      await attempt(executeDraw({ ...endUser(one.tenant, 'y'), ...young }, sameTenant.activity.id, randomUUID())),
    ).toEqual({ ok: true });
    expect(
      await attempt(executeDraw({ ...endUser(other.tenant, 'y'), ...young }, other.activity.id, randomUUID())),
    ).toEqual({ ok: true });
    await expect(
      createRiskRule(other.tenant.id, testActor, rule({ kind: 'blacklist', activityId: one.activity.id })),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('actions on the draw', () => {
  it('FORCE_LOSE: the draw loses though its odds are 1, and uses its chance', async () => {
    const { tenant, activity } = await liveActivity(
      (p) => [{ probability: 1, stock: 10, prizes: [{ prizeId: p[0]! }] }],
      { overrides: { limits: { freeDrawsPerDay: 2 } } },
    );
    await createRiskRule(
      tenant.id,
      testActor,
      rule({ kind: 'min_account_age', minAgeSeconds: 86_400, action: 'force_lose' }),
    );
    const body = await executeDraw(
      { ...endUser(tenant, 'young'), accountCreatedAt: Math.floor(Date.now() / 1000) },
      activity.id,
      randomUUID(),
    );
    expect(body).toMatchObject({ outcome: 'lose', chancesLeft: 1 });
    expect((await executeDraw(endUser(tenant, 'old'), activity.id, randomUUID())).outcome).toBe('win');
    await flushRiskEvents();
    expect(await db.riskEvent.findFirstOrThrow({ where: { activityId: activity.id } })).toMatchObject({
      action: 'FORCE_LOSE',
      drawId: body.drawId,
      userId: 'young',
    });
    expect(await db.draw.findUniqueOrThrow({ where: { id: body.drawId } })).toMatchObject({
      outcome: 'LOSE',
      riskAction: 'FORCE_LOSE',
    });
  });

  it('HOLD: the win is held, not claimable, and rejecting it returns its stock', async () => {
    const { tenant, prizes, activity } = await liveActivity(
      (p) => [{ probability: 1, stock: 10, prizes: [{ prizeId: p[0]! }] }],
      { stocks: [10] },
    );
    await createRiskRule(tenant.id, testActor, rule({ kind: 'accounts_per_device', max: 1, action: 'hold' }));
    await executeDraw(endUser(tenant, 'first', 'phone'), activity.id, randomUUID());
    const body = await executeDraw(endUser(tenant, 'second', 'phone'), activity.id, randomUUID());
    expect(body).toMatchObject({ outcome: 'win', held: true });
    const win = await db.win.findUniqueOrThrow({ where: { id: body.winIds[0]! } });
    expect(win).toMatchObject({ status: 'HELD', claimExpiresAt: null });
    expect(await db.draw.findUniqueOrThrow({ where: { id: body.drawId } })).toMatchObject({ riskAction: 'HOLD' });
    await expect(
      claimWin(endUser(tenant, 'second'), win.id, { name: 'S', phone: '13800000000', address: '1 Road, City' }),
    ).rejects.toMatchObject({ code: 'INVALID_STATE' });
    const available = (await db.prize.findUniqueOrThrow({ where: { id: prizes[0]!.id } })).availableStock;
    const rejected = await voidWin(tenant.id, testActor, { winId: win.id, reason: 'rejected after review' });
    expect(rejected).toEqual({ voided: true });
    expect((await db.prize.findUniqueOrThrow({ where: { id: prizes[0]!.id } })).availableStock).toBe(available + 1);
  });

  it('approve and reject racing on one held win: exactly one of them happens, and the stock follows it', async () => {
    const { tenant, prizes, activity } = await liveActivity(
      (p) => [{ probability: 1, stock: 20, prizes: [{ prizeId: p[0]!, quantity: 1 }] }],
      { stocks: [20], overrides: { limits: { freeDrawsPerDay: 1 } } },
    );
    await createRiskRule(
      tenant.id,
      testActor,
      rule({ kind: 'min_account_age', minAgeSeconds: 86_400, action: 'hold' }),
    );
    const young = (i: number) => ({
      ...endUser(tenant, `young-${i}`),
      accountCreatedAt: Math.floor(Date.now() / 1000),
    });
    const wins = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => (await executeDraw(young(i), activity.id, randomUUID())).winIds[0]!),
    );
    const before = (await db.prize.findUniqueOrThrow({ where: { id: prizes[0]!.id } })).availableStock;
    // Half the races start the approval first, half the rejection.
    const outcomes = await Promise.all(
      wins.map(async (winId, i) => {
        const [approved, rejected] = await Promise.allSettled(
          i % 2
            ? [approveHeldWin(tenant.id, testActor, winId), rejectHeldWin(tenant.id, testActor, winId, 'race')]
            : [
                rejectHeldWin(tenant.id, testActor, winId, 'race').then(() => undefined),
                approveHeldWin(tenant.id, testActor, winId),
              ].reverse(),
        );
        const status = (await db.win.findUniqueOrThrow({ where: { id: winId } })).status;
        return { approved: approved!.status === 'fulfilled', rejected: rejected!.status === 'fulfilled', status };
      }),
    );
    for (const o of outcomes) {
      // One decision per win, and the row says which.
      expect(Number(o.approved) + Number(o.rejected), JSON.stringify(o)).toBe(1);
      expect(o.status).toBe(o.approved ? 'AWAITING_CLAIM' : 'VOID');
    }
    const rejected = outcomes.filter((o) => o.rejected).length;
    expect((await db.prize.findUniqueOrThrow({ where: { id: prizes[0]!.id } })).availableStock).toBe(before + rejected);
  });
});

describe('anomalies found after the fact', () => {
  it('flags a user winning far above the odds and a device drawing too fast; their next draws meet the rule, once flagged once recorded', async () => {
    const { tenant, activity } = await liveActivity(
      (p) => [{ probability: 0.05, stock: 1_000, prizes: [{ prizeId: p[0]! }] }],
      { stocks: [1_000], overrides: { limits: { freeDrawsPerDay: 50 } } },
    );
    // A lucky user (the picker rigged for them), an ordinary one, and a device farm of 25 accounts.
    for (let i = 0; i < 12; i++)
      await executeDraw(endUser(tenant, 'lucky'), activity.id, randomUUID(), { random: () => 0 });
    for (let i = 0; i < 12; i++)
      await executeDraw(endUser(tenant, 'plain'), activity.id, randomUUID(), { random: () => 999_999 });
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        executeDraw(endUser(tenant, `farm-${i}`, 'farm-device'), activity.id, randomUUID()),
      ),
    );
    // The rules come after the draws they judge, right before the pass: a stats worker started
    // by another test file runs every tenant's rules, and must not get to these first.
    await createRiskRule(
      tenant.id,
      testActor,
      rule({ kind: 'win_rate_anomaly', windowMinutes: 10, minDraws: 10, maxWinRate: 0.5, action: 'hold' }),
    );
    await createRiskRule(
      tenant.id,
      testActor,
      rule({ kind: 'velocity_anomaly', by: 'device', windowMinutes: 10, maxDraws: 20, action: 'block' }),
    );

    expect(await findRiskAnomalies(Date.now(), { tenantId: tenant.id })).toBe(2);
    expect(await findRiskAnomalies(Date.now(), { tenantId: tenant.id })).toBe(0);
    expect(await attempt(executeDraw(endUser(tenant, 'farm-99', 'farm-device'), activity.id, randomUUID()))).toEqual({
      ok: false,
      code: 'RISK_BLOCKED',
    });
    const lucky = await executeDraw(endUser(tenant, 'lucky'), activity.id, randomUUID(), { random: () => 0 });
    expect(lucky).toMatchObject({ outcome: 'win', held: true });
    expect(
      (await executeDraw(endUser(tenant, 'plain'), activity.id, randomUUID(), { random: () => 0 })).held,
    ).toBeUndefined();

    await flushRiskEvents();
    const flagged = await db.riskEvent.findMany({
      where: { activityId: activity.id, kind: { in: ['WIN_RATE_ANOMALY', 'VELOCITY_ANOMALY'] } },
      orderBy: { id: 'asc' },
    });
    expect(
      flagged
        .filter((e) => (e.detail as { flagged?: boolean }).flagged)
        .map((e) => e.userId ?? e.deviceId)
        .sort(),
    ).toEqual(['farm-device', 'lucky']);
  });
});

// The management API covers what the console does: risk rules and lists, risk events, the audit
// trail and the winner actions, each tenant-scoped, audited like the console's actions, and
// guarded by the API key's scopes (a read-only key is refused every write with 403).
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GET as auditRoute } from '@/app/api/manage/audit/route';
import { POST as createPrizeRoute } from '@/app/api/manage/prizes/route';
import { GET as riskEventsRoute } from '@/app/api/manage/risk/events/route';
import { POST as riskListsRoute } from '@/app/api/manage/risk/lists/route';
import { DELETE as deleteRuleRoute, PATCH as patchRuleRoute } from '@/app/api/manage/risk/rules/[id]/route';
import { GET as listRulesRoute, POST as createRuleRoute } from '@/app/api/manage/risk/rules/route';
import { POST as approveRoute } from '@/app/api/manage/wins/[winId]/approve/route';
import { POST as rejectRoute } from '@/app/api/manage/wins/[winId]/reject/route';
import { POST as shipRoute } from '@/app/api/manage/wins/[winId]/ship/route';
import { POST as voidRoute } from '@/app/api/manage/wins/[winId]/void/route';
import { createApiKey } from '@/lib/auth/api-keys';
import { requiredScope } from '@/lib/auth/api-key-scopes';
import { db } from '@/lib/db';
import { bearer, callRoute, freshTenant } from '../helpers/fixtures';
import { createWinFixture } from '../helpers/wins';

type Tenant = Awaited<ReturnType<typeof freshTenant>>;
type Route = Parameters<typeof callRoute>[0];
type Call = { method?: string; params?: Record<string, string>; body?: string | object; path?: string };

const call = (route: Route, key: string, { method = 'POST', params = {}, body, path }: Call = {}) =>
  callRoute(route, { method, headers: bearer(key), params, ...(body !== undefined ? { body } : {}), path });

const keyWith = async (t: Tenant, scopes: Parameters<typeof createApiKey>[3]) =>
  (await createApiKey(t.id, { type: 'SYSTEM', id: 'test' }, 'scoped', scopes)).key;

const ruleBody = { kind: 'rate_limit_user', limit: 5, windowSeconds: 60 };

describe('API key scopes', () => {
  it('a read-only key reads everything and is refused every write with 403, changing nothing', async () => {
    const t = await freshTenant();
    const readOnly = await keyWith(t, { scopes: ['read'] });
    expect((await call(listRulesRoute, readOnly, { method: 'GET' })).status).toBe(200);
    expect((await call(auditRoute, readOnly, { method: 'GET', path: '/api/manage/audit' })).status).toBe(200);
    const refused = await call(createRuleRoute, readOnly, { body: ruleBody, path: '/api/manage/risk/rules' });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('FORBIDDEN');
    const prize = await call(createPrizeRoute, readOnly, {
      body: { name: 'Cap', kind: 'physical', stock: 1 },
      path: '/api/manage/prizes',
    });
    expect(prize.status).toBe(403);
    expect(await db.riskRule.count({ where: { tenantId: t.id } })).toBe(0);
    expect(await db.prize.count({ where: { tenantId: t.id } })).toBe(0);
  });

  it('a key limited to winner actions may act on wins, and nothing else', async () => {
    const t = await freshTenant();
    const winsOnly = await keyWith(t, { scopes: ['wins:write'] });
    const { win } = await createWinFixture(t.id);
    await db.win.update({ where: { id: win.id }, data: { status: 'HELD' } });
    const approved = await call(approveRoute, winsOnly, {
      params: { winId: win.id },
      path: `/api/manage/wins/${win.id}/approve`,
    });
    expect(approved.status).toBe(200);
    const rule = await call(createRuleRoute, winsOnly, { body: ruleBody, path: '/api/manage/risk/rules' });
    expect(rule.status).toBe(403);
    expect(rule.json.error.details.required).toBe('risk:write');
  });

  it('names the scope each area of the API needs; a write anywhere unknown needs every scope', () => {
    expect(requiredScope('GET', '/api/manage/risk/rules')).toBeNull();
    expect(requiredScope('PATCH', '/api/manage/risk/rules/x')).toBe('risk:write');
    expect(requiredScope('POST', '/api/manage/prizes/x/codes')).toBe('prizes:write');
    expect(requiredScope('POST', '/api/manage/changes/x/approve')).toBe('activities:write');
    expect(requiredScope('POST', '/api/manage/wins/x/ship')).toBe('wins:write');
    expect(requiredScope('DELETE', '/api/manage/something-new')).toBe('*');
  });
});

describe('GET/POST /api/manage/risk/rules, PATCH/DELETE /api/manage/risk/rules/{id}', () => {
  it('creates, lists, changes and removes rules, each audited; another tenant’s rule is not found', async () => {
    const t = await freshTenant();
    const created = await call(createRuleRoute, t.apiKey, { body: ruleBody });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ kind: 'rate_limit_user', action: 'rate_limited', enabled: true });
    const id = created.json.id as string;
    expect(
      (await call(listRulesRoute, t.apiKey, { method: 'GET' })).json.items.map((r: { id: string }) => r.id),
    ).toEqual([id]);
    const patched = await call(patchRuleRoute, t.apiKey, {
      method: 'PATCH',
      params: { id: id.toUpperCase() },
      body: { enabled: false, action: 'block' },
    });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ id, enabled: false, action: 'block' });

    const other = await freshTenant();
    const theirs = { method: 'PATCH', params: { id }, body: { enabled: true } };
    expect((await call(patchRuleRoute, other.apiKey, theirs)).status).toBe(404);
    expect((await call(deleteRuleRoute, other.apiKey, { method: 'DELETE', params: { id } })).status).toBe(404);
    expect((await call(listRulesRoute, other.apiKey, { method: 'GET' })).json.items).toEqual([]);

    expect((await call(patchRuleRoute, t.apiKey, { method: 'PATCH', params: { id }, body: {} })).status).toBe(400);
    const unknown = await call(patchRuleRoute, t.apiKey, {
      method: 'PATCH',
      params: { id },
      body: { enabled: true, x: 1 },
    });
    expect(unknown.json.error.code).toBe('VALIDATION_FAILED');
    expect((await call(createRuleRoute, t.apiKey, { body: { ...ruleBody, limit: 0 } })).status).toBe(400);
    expect((await call(createRuleRoute, t.apiKey, { body: '{"kind":' })).status).toBe(415);
    const nul = await call(createRuleRoute, t.apiKey, { body: { ...ruleBody, activityId: 'a\u0000' } });
    expect(nul.status).toBe(400);

    expect((await call(deleteRuleRoute, t.apiKey, { method: 'DELETE', params: { id } })).status).toBe(204);
    expect((await call(deleteRuleRoute, t.apiKey, { method: 'DELETE', params: { id } })).status).toBe(404);
    const actions = await db.auditLog.findMany({ where: { tenantId: t.id, objectId: id }, orderBy: { id: 'asc' } });
    expect(actions.map((a) => [a.action, a.actorType])).toEqual([
      ['risk.rule.create', 'API_KEY'],
      ['risk.rule.update', 'API_KEY'],
      ['risk.rule.delete', 'API_KEY'],
    ]);
  });
});

describe('POST /api/manage/risk/lists', () => {
  it('adds and removes values of one tenant’s blacklist, audited; bad text is refused naming the field', async () => {
    const t = await freshTenant();
    const other = await freshTenant();
    await call(riskListsRoute, other.apiKey, { body: { kind: 'user', action: 'add', values: ['shared'] } });
    const added = await call(riskListsRoute, t.apiKey, {
      body: { kind: 'user', action: 'add', values: ['bad-1', 'bad-2', 'shared', 'bad-1'] },
    });
    expect(added.json).toEqual({ action: 'add', changed: 3 });
    const removed = await call(riskListsRoute, t.apiKey, {
      body: { kind: 'user', action: 'remove', values: ['bad-2', 'shared', 'never-there'] },
    });
    expect(removed.json).toEqual({ action: 'remove', changed: 2 });
    const left = await db.riskListEntry.findMany({ where: { tenantId: t.id }, select: { value: true } });
    expect(left.map((e) => e.value)).toEqual(['bad-1']);
    expect(await db.riskListEntry.count({ where: { tenantId: other.id, value: 'shared' } })).toBe(1);
    expect(await db.auditLog.count({ where: { tenantId: t.id, action: { startsWith: 'risk.list.' } } })).toBe(2);

    const nul = await call(riskListsRoute, t.apiKey, {
      body: { kind: 'ip', action: 'add', values: ['1.2.3.4\u0000'] },
    });
    expect(nul.status).toBe(400);
    expect(JSON.stringify(nul.json.error.details)).toContain('values.0');
    expect(
      (await call(riskListsRoute, t.apiKey, { body: { kind: 'email', action: 'add', values: ['x'] } })).status,
    ).toBe(400);
    expect(
      (await call(riskListsRoute, t.apiKey, { body: { kind: 'ip', action: 'purge', values: ['x'] } })).status,
    ).toBe(400);
  });
});

describe('GET /api/manage/risk/events and GET /api/manage/audit', () => {
  it('page risk events by cursor, newest first, with filters, never another tenant’s', async () => {
    const t = await freshTenant();
    const other = await freshTenant();
    const event = (tenantId: string, userId: string, kind: 'BLACKLIST' | 'RATE_LIMIT_USER') => ({
      tenantId,
      kind,
      action: 'BLOCK' as const,
      userId,
    });
    await db.riskEvent.createMany({
      data: [
        ...Array.from({ length: 5 }, (_, i) => event(t.id, `u${i}`, 'BLACKLIST')),
        event(t.id, 'rate', 'RATE_LIMIT_USER'),
        event(other.id, 'theirs', 'BLACKLIST'),
      ],
    });
    const page = (query: string, key = t.apiKey) =>
      call(riskEventsRoute, key, { method: 'GET', path: `/api/manage/risk/events?${query}` });
    const first = await page('limit=4');
    expect(first.json.items.map((e: { userId: string }) => e.userId)).toEqual(['rate', 'u4', 'u3', 'u2']);
    const second = await page(`limit=4&cursor=${first.json.nextCursor}`);
    expect(second.json.items.map((e: { userId: string }) => e.userId)).toEqual(['u1', 'u0']);
    expect(second.json.nextCursor).toBeNull();
    expect((await page('kind=rate_limit_user')).json.items).toHaveLength(1);
    expect((await page('userId=theirs')).json.items).toEqual([]);
    expect((await page(`activityId=${randomUUID().toUpperCase()}`)).json.items).toEqual([]);
    expect((await page('cursor=abc')).status).toBe(400);
    expect((await page('limit=0')).status).toBe(400);
    expect((await page('colour=red')).json.error.code).toBe('VALIDATION_FAILED');
    expect((await page('userId=a%00b')).status).toBe(400);
    expect((await page('from=2027-02-30T00:00:00Z')).status).toBe(400);
  });

  it('page the audit trail by cursor with filters, never another tenant’s', async () => {
    const t = await freshTenant();
    const other = await freshTenant();
    for (let i = 0; i < 3; i++) await call(createRuleRoute, t.apiKey, { body: ruleBody });
    await call(createRuleRoute, other.apiKey, { body: ruleBody });
    const page = (query: string, key = t.apiKey) =>
      call(auditRoute, key, { method: 'GET', path: `/api/manage/audit?${query}` });
    const first = await page('objectType=RiskRule&limit=2');
    expect(first.json.items).toHaveLength(2);
    expect(first.json.items[0].actor).toMatchObject({ type: 'API_KEY', id: t.apiKeyId });
    const second = await page(`objectType=RiskRule&limit=2&cursor=${first.json.nextCursor}`);
    expect(second.json.items).toHaveLength(1);
    expect(second.json.nextCursor).toBeNull();
    const theirRule = (await db.riskRule.findFirstOrThrow({ where: { tenantId: other.id } })).id;
    expect((await page(`objectId=${theirRule}`)).json.items).toEqual([]);
    expect((await page('actorType=ROBOT')).status).toBe(400);
    expect((await page('cursor=-1')).status).toBe(400);
    expect((await page('objectType=a%01')).status).toBe(400);
  });
});

describe('POST /api/manage/wins/{winId}/ship | void | approve | reject', () => {
  it('acts like the console, audited; another tenant’s win is 404 and untouched', async () => {
    const t = await freshTenant();
    const other = await freshTenant();
    const claimed = (await createWinFixture(t.id)).win;
    await db.win.update({ where: { id: claimed.id }, data: { status: 'CLAIMED', claimedAt: new Date() } });
    const ship = { carrier: 'SF Express', trackingNumber: 'SF-123456' };
    expect((await call(shipRoute, other.apiKey, { params: { winId: claimed.id }, body: ship })).status).toBe(404);
    const shipped = await call(shipRoute, t.apiKey, { params: { winId: claimed.id.toUpperCase() }, body: ship });
    expect(shipped.status).toBe(200);
    expect((await db.win.findUniqueOrThrow({ where: { id: claimed.id } })).status).toBe('SHIPPED');
    const badTracking = await call(shipRoute, t.apiKey, {
      params: { winId: claimed.id },
      body: { carrier: 'SF\u0000', trackingNumber: 'x' },
    });
    expect(badTracking.status).toBe(400);

    const open = (await createWinFixture(t.id)).win;
    expect((await call(voidRoute, other.apiKey, { params: { winId: open.id }, body: { reason: 'no' } })).status).toBe(
      404,
    );
    expect((await call(voidRoute, t.apiKey, { params: { winId: open.id }, body: {} })).status).toBe(400);
    const voided = await call(voidRoute, t.apiKey, {
      params: { winId: open.id },
      body: { reason: 'duplicate account' },
    });
    expect(voided.json).toEqual({ id: open.id, status: 'VOID' });
    expect((await call(voidRoute, t.apiKey, { params: { winId: open.id }, body: { reason: 'again' } })).status).toBe(
      409,
    );

    const held = (await createWinFixture(t.id)).win;
    const heldToo = (await createWinFixture(t.id)).win;
    await db.win.updateMany({ where: { id: { in: [held.id, heldToo.id] } }, data: { status: 'HELD' } });
    expect((await call(approveRoute, other.apiKey, { params: { winId: held.id } })).status).toBe(404);
    expect((await call(approveRoute, t.apiKey, { params: { winId: held.id }, body: { x: 1 } })).status).toBe(400);
    expect((await call(approveRoute, t.apiKey, { params: { winId: held.id }, body: {} })).json.status).toBe(
      'AWAITING_CLAIM',
    );
    expect((await call(approveRoute, t.apiKey, { params: { winId: held.id } })).status).toBe(409);
    expect(
      (await call(rejectRoute, other.apiKey, { params: { winId: heldToo.id }, body: { reason: 'x' } })).status,
    ).toBe(404);
    const rejected = await call(rejectRoute, t.apiKey, { params: { winId: heldToo.id }, body: { reason: 'bot farm' } });
    expect(rejected.json).toEqual({ id: heldToo.id, status: 'VOID' });
    expect((await call(rejectRoute, t.apiKey, { params: { winId: 'not-a-uuid' }, body: { reason: 'x' } })).status).toBe(
      404,
    );

    const audited = await db.auditLog.findMany({
      where: { tenantId: t.id, objectType: 'Win' },
      select: { action: true, actorType: true },
    });
    expect(audited.map((a) => a.action).sort()).toEqual(['win.approve', 'win.ship', 'win.void', 'win.void']);
    expect(audited.every((a) => a.actorType === 'API_KEY')).toBe(true);
    expect(await db.auditLog.count({ where: { tenantId: other.id, objectType: 'Win' } })).toBe(0);
  });
});

// The console's risk actions are guarded on the server: an ANALYST (or nobody) is refused and
// nothing is written; another tenant's rule or entry is simply not found and stays as it was;
// an OPERATOR's change is audited and reaches the Redis state the draw reads, so a listed user
// is then refused with RISK_BLOCKED and a disabled rule stops acting.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { executeDraw } from '@/lib/draw/execute-draw';
import { addRiskListEntries, createRiskRule } from '@/lib/risk/manage-risk';
import { flushRiskEvents } from '@/lib/risk/risk-events';
import { RiskRuleSpec } from '@/lib/risk/schemas';
import { freshTenant, membersOfEachRole } from '../helpers/fixtures';
import { endUser, liveActivity, testActor } from '../helpers/activities';

const session = vi.hoisted(() => ({ operatorId: null as string | null }));
vi.mock('server-only', () => ({}));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
vi.mock('next-auth/next', () => ({
  getServerSession: async () => (session.operatorId ? { user: { id: session.operatorId } } : null),
}));

const actions = await import('@/app/(console)/t/[tenant]/risk/actions');

type Role = 'OWNER' | 'OPERATOR' | 'ANALYST';
type Live = Awaited<ReturnType<typeof liveActivity>>;
let a: Live;
let tenantB: Awaited<ReturnType<typeof freshTenant>>;
const people = {} as Record<Role, string>;

beforeAll(async () => {
  a = await liveActivity((p) => [{ probability: 0, stock: 1, prizes: [{ prizeId: p[0]! }] }], {
    overrides: { limits: { freeDrawsPerDay: 5 } },
  });
  tenantB = await freshTenant();
  Object.assign(people, await membersOfEachRole(a.tenant.id));
});

const as = (role: Role | null) => {
  session.operatorId = role ? people[role] : null;
};
const refused = (code: string) => ({ ok: false, error: { code } });
const tenantState = async (tenantId: string) => ({
  rules: await db.riskRule.findMany({
    where: { tenantId },
    orderBy: { id: 'asc' },
    select: { id: true, enabled: true, kind: true },
  }),
  entries: await db.riskListEntry.findMany({
    where: { tenantId },
    orderBy: { id: 'asc' },
    select: { id: true, value: true },
  }),
  audits: await db.auditLog.count({ where: { tenantId, action: { startsWith: 'risk.' } } }),
});
const draw = (userId: string) =>
  executeDraw(endUser(a.tenant, userId, `dev-${userId}`), a.activity.id, randomUUID(), { ip: '198.51.100.20' }).then(
    () => 'drawn',
    (e: { code?: string }) => e.code ?? 'error',
  );

describe('every risk mutation refuses an ANALYST and nobody signed in, and writes nothing', () => {
  it('create, enable, delete, add, remove, import', async () => {
    const rule = await createRiskRule(
      a.tenant.id,
      testActor,
      RiskRuleSpec.parse({ kind: 'rate_limit_user', limit: 100, windowSeconds: 60 }),
    );
    await addRiskListEntries(a.tenant.id, testActor, { kind: 'user', values: ['kept-by-analyst'] });
    const entry = await db.riskListEntry.findFirstOrThrow({
      where: { tenantId: a.tenant.id, value: 'kept-by-analyst' },
    });
    const before = await tenantState(a.tenant.id);
    for (const role of ['ANALYST', null] as const) {
      as(role);
      const code = role ? 'FORBIDDEN' : 'UNAUTHORIZED';
      expect(await actions.createRiskRuleAction(a.tenant.slug, { kind: 'blacklist', action: 'block' })).toMatchObject(
        refused(code),
      );
      expect(await actions.setRiskRuleEnabledAction(a.tenant.slug, rule.id, false)).toMatchObject(refused(code));
      expect(await actions.deleteRiskRuleAction(a.tenant.slug, rule.id)).toMatchObject(refused(code));
      expect(await actions.addRiskListEntriesAction(a.tenant.slug, { kind: 'user', lines: 'x\ny' })).toMatchObject(
        refused(code),
      );
      expect(await actions.removeRiskListEntryAction(a.tenant.slug, entry.id)).toMatchObject(refused(code));
      expect(await actions.importRiskListCsvAction(a.tenant.slug, 'user,z')).toMatchObject(refused(code));
    }
    expect(await tenantState(a.tenant.id)).toEqual(before);
    // Reading the live events is an analyst's right; nobody signed in still gets nothing.
    as('ANALYST');
    expect(await actions.listRiskEventsAction(a.tenant.slug, null)).toMatchObject({ ok: true });
    as(null);
    expect(await actions.listRiskEventsAction(a.tenant.slug, null)).toMatchObject(refused('UNAUTHORIZED'));
    as('OWNER');
    await actions.deleteRiskRuleAction(a.tenant.slug, rule.id);
    await actions.removeRiskListEntryAction(a.tenant.slug, entry.id);
  });
});

describe("another tenant's rules and entries are not found and stay as they were", () => {
  it('through either console, for OPERATOR and OWNER', async () => {
    const foreignRule = await createRiskRule(tenantB.id, testActor, RiskRuleSpec.parse({ kind: 'blacklist' }));
    await addRiskListEntries(tenantB.id, testActor, { kind: 'device', values: ['foreign-device'] });
    const foreignEntry = await db.riskListEntry.findFirstOrThrow({ where: { tenantId: tenantB.id } });
    const foreignActivity = await liveActivity((p) => [{ probability: 0, stock: 1, prizes: [{ prizeId: p[0]! }] }], {
      tenant: tenantB,
    });
    const before = { b: await tenantState(tenantB.id), a: await tenantState(a.tenant.id) };
    for (const role of ['OPERATOR', 'OWNER'] as const) {
      as(role);
      for (const slug of [a.tenant.slug, tenantB.slug]) {
        // Tenant B's console is not theirs at all (not a member): the tenant itself is not found.
        expect(await actions.setRiskRuleEnabledAction(slug, foreignRule.id, false)).toMatchObject(refused('NOT_FOUND'));
        expect(await actions.deleteRiskRuleAction(slug, foreignRule.id)).toMatchObject(refused('NOT_FOUND'));
        expect(await actions.removeRiskListEntryAction(slug, foreignEntry.id)).toMatchObject(refused('NOT_FOUND'));
      }
      // A rule scoped to tenant B's activity cannot be made in tenant A.
      expect(
        await actions.createRiskRuleAction(a.tenant.slug, {
          kind: 'blacklist',
          activityId: foreignActivity.activity.id,
        }),
      ).toMatchObject(refused('NOT_FOUND'));
      expect(await actions.deleteRiskRuleAction(a.tenant.slug, 'not-a-uuid')).toMatchObject(refused('NOT_FOUND'));
      expect(await actions.removeRiskListEntryAction(a.tenant.slug, 'not-a-uuid')).toMatchObject(refused('NOT_FOUND'));
      // Tenant B's events are not listed in tenant A, even when filtered by B's activity.
      await db.riskEvent.create({
        data: {
          tenantId: tenantB.id,
          activityId: foreignActivity.activity.id,
          kind: 'BLACKLIST',
          action: 'BLOCK',
          userId: 'foreign-user',
        },
      });
      expect(await actions.listRiskEventsAction(a.tenant.slug, foreignActivity.activity.id)).toEqual({
        ok: true,
        data: { events: [] },
      });
      expect(await actions.listRiskEventsAction(a.tenant.slug, 'not-a-uuid')).toEqual({
        ok: true,
        data: { events: [] },
      });
    }
    expect(await tenantState(tenantB.id)).toEqual(before.b);
    expect(await tenantState(a.tenant.id)).toEqual(before.a);
  });
});

describe("an OPERATOR's changes are validated, audited and reach the draw", () => {
  it('a blacklist rule plus a listed user refuses that user with RISK_BLOCKED until the rule is disabled', async () => {
    as('OPERATOR');
    expect(await draw('mallory')).toBe('drawn');
    const created = await actions.createRiskRuleAction(a.tenant.slug, {
      kind: 'blacklist',
      action: 'block',
      activityId: a.activity.id,
    });
    expect(created).toMatchObject({ ok: true });
    const ruleId = created.ok ? created.data.id : '';
    expect(
      await actions.addRiskListEntriesAction(a.tenant.slug, {
        kind: 'user',
        lines: ' mallory \n\nmallory\ntrudy\n',
        reason: 'chargebacks',
      }),
    ).toEqual({ ok: true, data: { added: 2, values: 2 } });
    expect(await draw('mallory')).toBe('RISK_BLOCKED');
    expect(await draw('alice')).toBe('drawn');

    expect(await actions.setRiskRuleEnabledAction(a.tenant.slug, ruleId, false)).toEqual({
      ok: true,
      data: { enabled: false },
    });
    expect(await draw('mallory')).toBe('drawn');
    expect(await actions.setRiskRuleEnabledAction(a.tenant.slug, ruleId, true)).toMatchObject({ ok: true });
    const entry = await db.riskListEntry.findFirstOrThrow({ where: { tenantId: a.tenant.id, value: 'mallory' } });
    expect(entry.reason).toBe('chargebacks');
    expect(await actions.removeRiskListEntryAction(a.tenant.slug, entry.id)).toEqual({ ok: true, data: null });
    expect(await draw('mallory')).toBe('drawn');
    expect(await draw('trudy')).toBe('RISK_BLOCKED');

    await flushRiskEvents();
    const events = await actions.listRiskEventsAction(a.tenant.slug, a.activity.id);
    expect(
      events.ok &&
        events.data.events.filter((e) => e.kind === 'blacklist').map((e) => [e.userId, e.action, e.activityName]),
    ).toEqual([
      ['trudy', 'block', 'Test activity'],
      ['mallory', 'block', 'Test activity'],
    ]);

    expect(await actions.deleteRiskRuleAction(a.tenant.slug, ruleId)).toEqual({ ok: true, data: null });
    expect(await draw('trudy')).toBe('drawn');
    const audits = await db.auditLog.findMany({
      where: { tenantId: a.tenant.id, actorId: people.OPERATOR },
      orderBy: { id: 'asc' },
      select: { action: true, actorType: true, objectId: true },
    });
    expect(audits.map((x) => x.action)).toEqual([
      'risk.rule.create',
      'risk.list.add',
      'risk.rule.update',
      'risk.rule.update',
      'risk.list.remove',
      'risk.rule.delete',
    ]);
    expect(new Set(audits.map((x) => x.actorType))).toEqual(new Set(['OPERATOR']));
  });

  it('rejects a bad rule with the field named, and writes nothing', async () => {
    as('OPERATOR');
    const before = await tenantState(a.tenant.id);
    expect(
      await actions.createRiskRuleAction(a.tenant.slug, { kind: 'rate_limit_device', limit: 0, windowSeconds: 60 }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/^limit:/) } });
    expect(
      await actions.createRiskRuleAction(a.tenant.slug, {
        kind: 'min_account_age',
        minAgeSeconds: 10,
        action: 'explode',
      }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/^action:/) } });
    expect(await actions.createRiskRuleAction(a.tenant.slug, { kind: 'blacklist', limit: 5 })).toMatchObject(
      refused('VALIDATION_FAILED'),
    );
    expect(await actions.addRiskListEntriesAction(a.tenant.slug, { kind: 'user', lines: '\n  \n' })).toMatchObject(
      refused('VALIDATION_FAILED'),
    );
    expect(
      await actions.addRiskListEntriesAction(a.tenant.slug, { kind: 'user', lines: 'x'.repeat(129) }),
    ).toMatchObject(refused('VALIDATION_FAILED'));
    expect(await tenantState(a.tenant.id)).toEqual(before);
  });

  it('a CSV with a bad line is refused whole with line numbers; the fixed one imports and blocks the listed device', async () => {
    as('OWNER');
    await actions.createRiskRuleAction(a.tenant.slug, { kind: 'blacklist' });
    const before = await tenantState(a.tenant.id);
    const bad = await actions.importRiskListCsvAction(
      a.tenant.slug,
      'kind,value\nuser,csv-user\nphone,123\ndevice,dev-csv-device\nip,\n',
    );
    expect(bad).toEqual({
      ok: true,
      data: {
        imported: false,
        errorCount: 2,
        errors: [
          { line: 3, message: expect.stringContaining('phone') },
          { line: 5, message: expect.any(String) },
        ],
      },
    });
    expect(await tenantState(a.tenant.id)).toEqual(before);

    expect(await draw('csv-device')).toBe('drawn');
    const good = await actions.importRiskListCsvAction(
      a.tenant.slug,
      'kind,value\nuser,csv-user\ndevice,dev-csv-device\nip,203.0.113.77\n',
    );
    expect(good).toEqual({ ok: true, data: { imported: true, added: 3, lines: 3 } });
    expect(await draw('csv-device')).toBe('RISK_BLOCKED');
    expect(
      await db.auditLog.count({ where: { tenantId: a.tenant.id, action: 'risk.list.add', actorId: people.OWNER } }),
    ).toBe(3);
  });
});

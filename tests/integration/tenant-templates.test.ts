// A tenant's own templates: a draft saved under a name keeps its tiers, segments, pacing and
// tasks without its period; a new draft from it starts the next local midnight for as many days.
// Scoped to the tenant: another tenant neither lists nor uses it, nor saves one from an activity
// not its own. Through the console's actions: an analyst saves nothing.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { createActivity } from '@/lib/activities/create-activity';
import { createPrize } from '@/lib/prizes/create-prize';
import {
  createActivityFromTenantTemplate,
  listTenantTemplates,
  saveTenantTemplate,
} from '@/lib/activities/tenant-templates';
import { freshTenant, membersOfEachRole } from '../helpers/fixtures';
import { specFor, testActor } from '../helpers/activities';

const session = vi.hoisted(() => ({ operatorId: null as string | null }));
vi.mock('server-only', () => ({}));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
vi.mock('next-auth/next', () => ({
  getServerSession: async () => (session.operatorId ? { user: { id: session.operatorId } } : null),
}));

const actions = await import('@/app/(console)/t/[tenant]/activities/actions');

let tenantA: Awaited<ReturnType<typeof freshTenant>>;
let tenantB: Awaited<ReturnType<typeof freshTenant>>;
let peopleA: Record<'OWNER' | 'OPERATOR' | 'ANALYST', string>;
let draftA: string;

beforeAll(async () => {
  tenantA = await freshTenant();
  tenantB = await freshTenant();
  peopleA = await membersOfEachRole(tenantA.id);
  const prize = (await createPrize(tenantA.id, testActor, { name: 'Mug', kind: 'physical', stock: 100 })).id;
  const spec = specFor(
    [
      {
        name: 'Evening',
        probability: 0.01,
        stock: 10,
        pacing: 'even',
        segments: [{ fromHour: 20, toHour: 22, probability: 0.05 }],
        prizes: [{ prizeId: prize }],
      },
    ],
    {
      timezone: 'Asia/Shanghai',
      startsAt: '2026-12-01T00:00:00+08:00',
      endsAt: '2026-12-04T12:00:00+08:00',
    },
  );
  draftA = (await createActivity(tenantA.id, testActor, spec)).id;
});

describe('tenant templates', () => {
  it('save a draft without its period; a new draft from it starts tomorrow for the same days', async () => {
    const saved = await saveTenantTemplate(tenantA.id, testActor, { activityId: draftA, name: ' Evening peak ' });
    expect(saved).toMatchObject({ name: 'Evening peak', days: 4 });
    expect((await listTenantTemplates(tenantA.id)).map((t) => t.name)).toEqual(['Evening peak']);
    await expect(
      saveTenantTemplate(tenantA.id, testActor, { activityId: draftA, name: 'Evening peak' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });

    const now = Date.parse('2026-12-10T10:00:00Z');
    const copy = await createActivityFromTenantTemplate(tenantA.id, testActor, {
      templateId: saved.id,
      timezone: 'UTC',
      now,
    });
    expect(copy).toMatchObject({
      status: 'DRAFT',
      timezone: 'UTC',
      startsAt: '2026-12-11T00:00:00.000Z',
      endsAt: '2026-12-15T00:00:00.000Z',
    });
    expect(copy.tiers[0]).toMatchObject({
      name: 'Evening',
      pacing: 'even',
      segments: [{ fromHour: 20, toHour: 22, probability: 0.05 }],
    });
  });

  it("are another tenant's to neither list nor use, nor to save from another tenant's activity", async () => {
    const [mine] = await listTenantTemplates(tenantA.id);
    expect(await listTenantTemplates(tenantB.id)).toEqual([]);
    const opts = { templateId: mine!.id, timezone: 'UTC', now: Date.now() };
    await expect(createActivityFromTenantTemplate(tenantB.id, testActor, opts)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      saveTenantTemplate(tenantB.id, testActor, { activityId: draftA, name: 'Stolen' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await db.activity.count({ where: { tenantId: tenantB.id } })).toBe(0);
    expect(await db.activityTemplate.count({ where: { tenantId: tenantB.id } })).toBe(0);
  });

  it('through the console: an operator saves and uses one, an analyst saves nothing, audited', async () => {
    session.operatorId = peopleA.ANALYST;
    expect(await actions.saveAsTemplateAction(tenantA.slug, draftA, 'By an analyst')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    session.operatorId = peopleA.OPERATOR;
    const saved = await actions.saveAsTemplateAction(tenantA.slug, draftA, 'Console template');
    expect(saved).toMatchObject({ ok: true, data: { name: 'Console template' } });
    const id = saved.ok ? saved.data.id : '';
    const made = await actions.createFromTemplateAction(tenantA.slug, id, 'Asia/Shanghai');
    expect(made).toMatchObject({ ok: true });
    // The built-in templates still work by their names; another tenant's id is not found.
    expect(await actions.createFromTemplateAction(tenantA.slug, 'festival-grid', 'UTC')).toMatchObject({ ok: true });
    expect(await actions.createFromTemplateAction(tenantB.slug, id, 'UTC')).toMatchObject({ ok: false });
    const audit = await db.auditLog.findMany({
      where: { tenantId: tenantA.id, action: 'template.create', actorId: peopleA.OPERATOR },
    });
    expect(audit).toHaveLength(1);
  });
});

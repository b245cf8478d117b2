// The editor's per-field autosave and its templates: a field that fails the draft's rules keeps
// its saved value and is named with its reason while every other field is saved; a save whose
// answer was lost finds its own edit when retried; a template becomes a draft in the caller's
// tenant only. Guarded like every console action: analysts and other tenants change nothing.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { createActivity } from '@/lib/activities/create-activity';
import { createPrize } from '@/lib/prizes/create-prize';
import { toActivitySpec } from '@/lib/activities/activity-spec';
import { getActivityOrThrow } from '@/lib/activities/get-activity';
import { freshTenant, membersOfEachRole } from '../helpers/fixtures';
import { specFor, testActor } from '../helpers/activities';

const session = vi.hoisted(() => ({ operatorId: null as string | null }));
vi.mock('server-only', () => ({}));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
vi.mock('next-auth/next', () => ({
  getServerSession: async () => (session.operatorId ? { user: { id: session.operatorId } } : null),
}));

const actions = await import('@/app/(console)/t/[tenant]/activities/actions');

type Role = 'OWNER' | 'OPERATOR' | 'ANALYST';
let tenantA: Awaited<ReturnType<typeof freshTenant>>;
let tenantB: Awaited<ReturnType<typeof freshTenant>>;
const people = {} as Record<Role, string>;
let prizeA: string;

beforeAll(async () => {
  tenantA = await freshTenant();
  tenantB = await freshTenant();
  Object.assign(people, await membersOfEachRole(tenantA.id));
  prizeA = (await createPrize(tenantA.id, testActor, { name: 'Mug', kind: 'physical', stock: 1_000 })).id;
});

const as = (role: Role | null) => {
  session.operatorId = role ? people[role] : null;
};

const draftIn = (tenantId: string, prizeId: string) =>
  createActivity(
    tenantId,
    testActor,
    specFor([
      { name: 'First', probability: 0.1, stock: 10, prizes: [{ prizeId }] },
      { name: 'Second', probability: 0.2, stock: 20, prizes: [{ prizeId }] },
    ]),
  );
const versionOf = async (id: string) =>
  (await db.activity.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;
const specOf = async (tenantId: string, id: string) => toActivitySpec(await getActivityOrThrow(tenantId, id));

describe('saveDraftFieldsAction', () => {
  it('saves the valid fields and holds back each bad one with its reason and saved value', async () => {
    const draft = await draftIn(tenantA.id, prizeA);
    const saved = await specOf(tenantA.id, draft.id);
    as('OPERATOR');
    const edit = structuredClone(saved) as Record<string, unknown> & typeof saved;
    edit.name = 'Renamed';
    edit.materials = { ...edit.materials, themeColor: 'red' };
    edit.tiers[0]!.name = 'Grand';
    edit.tiers[0]!.segments = [{ fromHour: 20, toHour: 22, probability: 0.3 }];
    edit.tiers[0]!.pacing = 'even';
    (edit.tiers[1] as Record<string, unknown>).stock = -5;
    edit.pauseOnDrift = true;
    const result = await actions.saveDraftFieldsAction(tenantA.slug, draft.id, {
      version: await versionOf(draft.id),
      spec: edit,
    });
    expect(result.ok).toBe(true);
    expect(result.ok && result.data.heldBack.map((i) => i.path).sort()).toEqual([
      'materials.themeColor',
      'tiers.1.stock',
    ]);
    expect(result.ok && result.data.changed).toBe(true);
    const after = await specOf(tenantA.id, draft.id);
    expect(after).toMatchObject({
      name: 'Renamed',
      pauseOnDrift: true,
      tiers: [
        { name: 'Grand', pacing: 'even', segments: [{ fromHour: 20, toHour: 22, probability: 0.3 }] },
        { name: 'Second', stock: 20 },
      ],
    });
    expect(after.materials.themeColor).toBe(saved.materials.themeColor);
  });

  it('holds back the odds of every tier when together they pass 100 % in some hour, and saves the rest', async () => {
    const draft = await draftIn(tenantA.id, prizeA);
    const saved = await specOf(tenantA.id, draft.id);
    as('OPERATOR');
    const edit = structuredClone(saved);
    edit.tiers[0]!.name = 'Evening';
    edit.tiers[0]!.segments = [{ fromHour: 20, toHour: 22, probability: 0.9 }];
    const result = await actions.saveDraftFieldsAction(tenantA.slug, draft.id, {
      version: await versionOf(draft.id),
      spec: edit,
    });
    expect(result.ok && result.data.heldBack).toEqual([
      { path: 'tiers', message: expect.stringMatching(/at 20:00, more than 1$/) },
    ]);
    const after = await specOf(tenantA.id, draft.id);
    expect(after.tiers[0]).toMatchObject({ name: 'Evening', probability: 0.1 });
    expect(after.tiers[0]!.segments).toBeUndefined();
  });

  it('leaves out a new tier whose fields are wrong, and refuses (saving nothing) a draft wrong as a whole', async () => {
    const draft = await draftIn(tenantA.id, prizeA);
    const saved = await specOf(tenantA.id, draft.id);
    as('OPERATOR');
    const version = await versionOf(draft.id);
    const withNewTier = {
      ...saved,
      name: 'Three tiers?',
      tiers: [...saved.tiers, { name: '', probability: 0.01, stock: 1, pacing: 'none', prizes: [] }],
    };
    const result = await actions.saveDraftFieldsAction(tenantA.slug, draft.id, { version, spec: withNewTier });
    expect(result.ok && result.data.heldBack.map((i) => i.path)).toEqual(['tiers.2.name']);
    expect(await specOf(tenantA.id, draft.id)).toMatchObject({ name: 'Three tiers?', tiers: { length: 2 } });

    const before = await specOf(tenantA.id, draft.id);
    const refused = await actions.saveDraftFieldsAction(tenantA.slug, draft.id, {
      version: version + 1,
      spec: 'not a draft',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await specOf(tenantA.id, draft.id)).toEqual(before);
  });

  it('answers a retried save whose answer was lost with the version it made, and still refuses another stale edit', async () => {
    const draft = await draftIn(tenantA.id, prizeA);
    const saved = await specOf(tenantA.id, draft.id);
    const version = await versionOf(draft.id);
    as('OPERATOR');
    const edit = { ...saved, name: 'Sent twice' };
    expect(await actions.saveDraftFieldsAction(tenantA.slug, draft.id, { version, spec: edit })).toMatchObject({
      ok: true,
      data: { version: version + 1, changed: true },
    });
    expect(await actions.saveDraftFieldsAction(tenantA.slug, draft.id, { version, spec: edit })).toMatchObject({
      ok: true,
      data: { version: version + 1, changed: false },
    });
    expect(
      await actions.saveDraftFieldsAction(tenantA.slug, draft.id, { version, spec: { ...saved, name: 'Other' } }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('refuses an analyst and does not find another tenant’s draft; neither changes anything', async () => {
    const draft = await draftIn(tenantA.id, prizeA);
    const prizeB = (await createPrize(tenantB.id, testActor, { name: 'Cup', kind: 'physical', stock: 5 })).id;
    const foreign = await draftIn(tenantB.id, prizeB);
    const spec = { ...(await specOf(tenantA.id, draft.id)), name: 'Changed' };
    as('ANALYST');
    expect(
      await actions.saveDraftFieldsAction(tenantA.slug, draft.id, { version: await versionOf(draft.id), spec }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    as('OPERATOR');
    expect(
      await actions.saveDraftFieldsAction(tenantA.slug, foreign.id, { version: await versionOf(foreign.id), spec }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await specOf(tenantA.id, draft.id)).name).toBe('Test activity');
    expect((await specOf(tenantB.id, foreign.id)).name).toBe('Test activity');
  });

  it('names a malformed save’s fields with a 4xx code, not an internal error', async () => {
    const draft = await draftIn(tenantA.id, prizeA);
    as('OPERATOR');
    for (const bad of [null, 42, { version: -1, spec: {} }, { version: 1, spec: {}, extra: true }]) {
      const result = await actions.saveDraftFieldsAction(tenantA.slug, draft.id, bad as never);
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
  });
});

describe('createFromTemplateAction', () => {
  it('makes a draft of each template in the operator’s tenant, in the zone chosen', async () => {
    as('OPERATOR');
    for (const templateId of ['daily-check-in-wheel', 'festival-grid', 'scratch-fixed-winners']) {
      const result = await actions.createFromTemplateAction(tenantA.slug, templateId, 'Europe/Berlin');
      expect(result.ok).toBe(true);
      const id = result.ok ? result.data.id : '';
      const row = await db.activity.findUniqueOrThrow({ where: { id }, select: { tenantId: true, status: true } });
      expect(row).toEqual({ tenantId: tenantA.id, status: 'DRAFT' });
      expect((await specOf(tenantA.id, id)).timezone).toBe('Europe/Berlin');
    }
    const festival = await db.activity.findFirstOrThrow({
      where: { tenantId: tenantA.id, name: 'Festival grid' },
      select: { id: true },
    });
    expect((await specOf(tenantA.id, festival.id)).tiers[0]).toMatchObject({
      pacing: 'even',
      segments: [{ fromHour: 20, toHour: 22, probability: 0.05 }],
    });
  });

  it('refuses an analyst, an unknown template and a bad zone, creating nothing', async () => {
    const count = () => db.activity.count({ where: { tenantId: tenantA.id } });
    const before = await count();
    as('ANALYST');
    expect(await actions.createFromTemplateAction(tenantA.slug, 'festival-grid', 'UTC')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    as('OPERATOR');
    // Neither a built-in template nor one of the tenant's (an id): not found.
    const unknown = await actions.createFromTemplateAction(tenantA.slug, 'lottery-of-doom', 'UTC');
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const badZone = await actions.createFromTemplateAction(tenantA.slug, 'festival-grid', 'Mars/Olympus');
    expect(badZone).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await count()).toBe(before);
  });
});

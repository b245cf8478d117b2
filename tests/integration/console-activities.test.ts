// The console's activity actions and routes are guarded on the server: an ANALYST is refused
// and nothing is written, another tenant's activity is simply not found (and untouched), an
// OPERATOR's change goes through the same lib services as the API and lands in the audit log.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { createActivity } from '@/lib/activities/create-activity';
import { createPrize } from '@/lib/prizes/create-prize';
import { callRoute, freshTenant, membersOfEachRole } from '../helpers/fixtures';
import { specFor, testActor } from '../helpers/activities';

const session = vi.hoisted(() => ({ operatorId: null as string | null }));
vi.mock('server-only', () => ({}));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
vi.mock('next-auth/next', () => ({
  getServerSession: async () => (session.operatorId ? { user: { id: session.operatorId } } : null),
}));

const actions = await import('@/app/(console)/t/[tenant]/activities/actions');
const { POST: uploadBanner } = await import('@/app/(console)/t/[tenant]/activities/banner/route');
const { GET: specJson } = await import('@/app/(console)/t/[tenant]/activities/[activityId]/spec.json/route');
const { GET: servedUpload } = await import('@/app/uploads/[file]/route');

type Role = 'OWNER' | 'OPERATOR' | 'ANALYST';
let tenantA: Awaited<ReturnType<typeof freshTenant>>;
let tenantB: Awaited<ReturnType<typeof freshTenant>>;
const people = {} as Record<Role, string>;
let prizeA: string;
let prizeA2: string;
let prizeB: string;

beforeAll(async () => {
  tenantA = await freshTenant();
  tenantB = await freshTenant();
  Object.assign(people, await membersOfEachRole(tenantA.id));
  prizeA = (await createPrize(tenantA.id, testActor, { name: 'Mug', kind: 'physical', value: 8, stock: 1_000 })).id;
  prizeA2 = (await createPrize(tenantA.id, testActor, { name: 'Pen', kind: 'physical', value: 1, stock: 1_000 })).id;
  prizeB = (await createPrize(tenantB.id, testActor, { name: 'Foreign Mug', kind: 'physical', stock: 1_000 })).id;
});

const as = (role: Role | null) => {
  session.operatorId = role ? people[role] : null;
};

const draftIn = (tenantId: string, prizeId: string, overrides = {}) =>
  createActivity(
    tenantId,
    testActor,
    specFor([{ name: 'Only tier', probability: 0.1, stock: 10, prizes: [{ prizeId }] }], overrides),
  );

const activityState = async (id: string) => {
  const a = await db.activity.findUniqueOrThrow({
    where: { id },
    select: {
      status: true,
      version: true,
      name: true,
      tiers: { select: { name: true, probabilityMicros: true, stock: true } },
    },
  });
  return { ...a, audits: await db.auditLog.count({ where: { objectId: id } }) };
};
const activityCount = (tenantId: string) => db.activity.count({ where: { tenantId } });

// A whole 1×1 PNG: uploads are decoded and re-encoded, so a header alone is refused.
const PNG = new Uint8Array(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64'),
);
const upload = (tenant: string, body: Uint8Array<ArrayBuffer>) =>
  uploadBanner(
    new Request(`http://localhost/t/${tenant}/activities/banner`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'image/png' },
    }),
    { params: Promise.resolve({ tenant }) },
  );

describe('createDraftAction and importSpecAction', () => {
  it('refuse an ANALYST (and nobody signed in) and create nothing', async () => {
    const before = await activityCount(tenantA.id);
    const json = JSON.stringify(specFor([{ probability: 0.1, stock: 1, prizes: [{ prizeId: prizeA }] }]));
    as('ANALYST');
    expect(await actions.createDraftAction(tenantA.slug)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await actions.importSpecAction(tenantA.slug, json)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    as(null);
    expect(await actions.createDraftAction(tenantA.slug)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await activityCount(tenantA.id)).toBe(before);
  });

  it("do not find another tenant, nor another tenant's prize in an imported spec", async () => {
    as('OWNER');
    expect(await actions.createDraftAction(tenantB.slug)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const before = await activityCount(tenantA.id);
    const foreign = JSON.stringify(specFor([{ probability: 0.1, stock: 1, prizes: [{ prizeId: prizeB }] }]));
    expect(await actions.importSpecAction(tenantA.slug, foreign)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: expect.stringContaining(prizeB) },
    });
    expect(await activityCount(tenantA.id)).toBe(before);
  });

  it('let an OPERATOR create a draft and import a spec, audited; a bad spec names its fields', async () => {
    as('OPERATOR');
    const created = await actions.createDraftAction(tenantA.slug);
    expect(created.ok).toBe(true);
    const draft = await db.activity.findUniqueOrThrow({
      where: { id: created.ok ? created.data.id : '' },
      select: { tenantId: true, status: true, _count: { select: { tiers: true } } },
    });
    expect(draft).toMatchObject({ tenantId: tenantA.id, status: 'DRAFT', _count: { tiers: 0 } });

    const imported = await actions.importSpecAction(
      tenantA.slug,
      JSON.stringify(
        specFor([{ name: 'Gold', probability: 0.25, stock: 7, prizes: [{ prizeId: prizeA, quantity: 2 }] }], {
          name: 'Imported',
        }),
      ),
    );
    expect(imported.ok).toBe(true);
    const id = imported.ok ? imported.data.id : '';
    expect(await activityState(id)).toMatchObject({
      name: 'Imported',
      status: 'DRAFT',
      tiers: [{ name: 'Gold', probabilityMicros: 250_000, stock: 7 }],
    });
    expect(
      await db.auditLog.findFirst({
        where: { objectId: id, action: 'activity.create' },
        select: { actorType: true, actorId: true },
      }),
    ).toEqual({ actorType: 'OPERATOR', actorId: people.OPERATOR });

    const bad = await actions.importSpecAction(
      tenantA.slug,
      JSON.stringify({ ...specFor([{ probability: 1.5, stock: 1, prizes: [{ prizeId: prizeA }] }]), extra: 1 }),
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(bad.ok ? [] : bad.error.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['tiers.0.probability', '']),
    );
    expect(await actions.importSpecAction(tenantA.slug, '{not json')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: 'the file is not JSON' },
    });
  });
});

describe('saveDraftAction', () => {
  it('refuses an ANALYST and leaves the draft as it was', async () => {
    const draft = await draftIn(tenantA.id, prizeA);
    const before = await activityState(draft.id);
    as('ANALYST');
    expect(
      await actions.saveDraftAction(tenantA.slug, draft.id, before.version, specFor([], { name: 'Hijacked' })),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await activityState(draft.id)).toEqual(before);
  });

  it("does not find another tenant's draft and leaves it untouched", async () => {
    const foreign = await draftIn(tenantB.id, prizeB);
    const before = await activityState(foreign.id);
    as('OWNER');
    expect(
      await actions.saveDraftAction(tenantA.slug, foreign.id, before.version, specFor([], { name: 'Hijacked' })),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(
      await actions.saveDraftAction(tenantB.slug, foreign.id, before.version, specFor([], { name: 'Hijacked' })),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await actions.saveDraftAction(tenantA.slug, 'not-a-uuid', 0, {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await activityState(foreign.id)).toEqual(before);
  });

  it('saves a whole draft for an OPERATOR (audited with before and after), skips a save that changes nothing, and refuses a stale version', async () => {
    const draft = await draftIn(tenantA.id, prizeA);
    const { version } = await activityState(draft.id);
    as('OPERATOR');
    // A bundle listed against the id order it is stored in: still the same spec when saved again.
    const bundle = [{ prizeId: prizeA }, { prizeId: prizeA2, quantity: 2 }].sort((x, y) =>
      y.prizeId.localeCompare(x.prizeId),
    );
    const spec = specFor(
      [
        { name: 'First', probability: 0.001, stock: 3, prizes: bundle },
        { name: 'Second', probability: 0.2, stock: 50, prizes: [] },
      ],
      { name: 'Renamed', materials: { title: 'Spin!', themeColor: '#112233' } },
    );
    const saved = await actions.saveDraftAction(tenantA.slug, draft.id, version, spec);
    expect(saved).toMatchObject({ ok: true, data: { version: version + 1, changed: true } });
    // A tier without a prize may be saved in a draft; the checklist says publishing needs one.
    expect(saved.ok && saved.data.checklist.find((c) => c.id === 'tiers')!.problems).toEqual([
      'tier "Second" awards no prize',
    ]);
    expect(await activityState(draft.id)).toMatchObject({
      name: 'Renamed',
      tiers: [
        { name: 'First', probabilityMicros: 1_000, stock: 3 },
        { name: 'Second', probabilityMicros: 200_000, stock: 50 },
      ],
    });
    const audit = await db.auditLog.findFirstOrThrow({
      where: { objectId: draft.id, action: 'activity.update' },
      select: { actorId: true, before: true, after: true },
    });
    expect(audit).toMatchObject({
      actorId: people.OPERATOR,
      before: { name: 'Test activity' },
      after: { name: 'Renamed', materials: { title: 'Spin!' } },
    });

    expect(await actions.saveDraftAction(tenantA.slug, draft.id, version + 1, spec)).toMatchObject({
      ok: true,
      data: { version: version + 1, changed: false },
    });
    expect(await db.auditLog.count({ where: { objectId: draft.id, action: 'activity.update' } })).toBe(1);
    expect(await actions.saveDraftAction(tenantA.slug, draft.id, version, { ...spec, name: 'Stale' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('answers field paths for what is wrong and saves nothing', async () => {
    const draft = await draftIn(tenantA.id, prizeA);
    const before = await activityState(draft.id);
    as('OPERATOR');
    const bad = await actions.saveDraftAction(tenantA.slug, draft.id, before.version, {
      ...specFor([
        { probability: 0.7, stock: 1, prizes: [{ prizeId: prizeA }] },
        { probability: 0.5, stock: -1, prizes: [{ prizeId: prizeA }] },
      ]),
      materials: { themeColor: 'red' },
      endsAt: '2020-01-01T00:00:00Z',
    });
    expect(bad.ok).toBe(false);
    expect(bad.ok ? [] : bad.error.issues.map((i) => i.path).sort()).toEqual([
      'endsAt',
      'materials.themeColor',
      'tiers',
      'tiers.1.stock',
    ]);
    expect(await activityState(draft.id)).toEqual(before);
  });

  it('refuses to edit a published activity', async () => {
    const draft = await draftIn(tenantA.id, prizeA);
    as('OPERATOR');
    expect(await actions.publishAction(tenantA.slug, draft.id)).toMatchObject({ ok: true, data: { status: 'LIVE' } });
    const before = await activityState(draft.id);
    expect(
      await actions.saveDraftAction(tenantA.slug, draft.id, before.version, specFor([], { name: 'Late edit' })),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(await activityState(draft.id)).toEqual(before);
  });
});

describe('publishAction and changeStatusAction', () => {
  it('refuse an ANALYST: the draft stays a draft, a live activity stays live', async () => {
    const draft = await draftIn(tenantA.id, prizeA);
    as('ANALYST');
    expect(await actions.publishAction(tenantA.slug, draft.id)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect((await activityState(draft.id)).status).toBe('DRAFT');
    as('OPERATOR');
    await actions.publishAction(tenantA.slug, draft.id);
    as('ANALYST');
    for (const t of ['pause', 'resume', 'end'] as const)
      expect(await actions.changeStatusAction(tenantA.slug, draft.id, t)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    expect((await activityState(draft.id)).status).toBe('LIVE');
  });

  it("do not find another tenant's activity and leave it alone", async () => {
    const foreign = await draftIn(tenantB.id, prizeB);
    as('OWNER');
    expect(await actions.publishAction(tenantA.slug, foreign.id)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await actions.changeStatusAction(tenantA.slug, foreign.id, 'end')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await actions.publishAction(tenantB.slug, foreign.id)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect((await activityState(foreign.id)).status).toBe('DRAFT');
  });

  it('publish, pause, resume and end for an OPERATOR, each audited; a blocked draft is refused with the reason', async () => {
    as('OPERATOR');
    const blocked = await createActivity(tenantA.id, testActor, { ...specFor([]), tiers: [] });
    expect(await actions.publishAction(tenantA.slug, blocked.id)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: 'add at least one tier' },
    });
    const draft = await draftIn(tenantA.id, prizeA);
    expect(await actions.publishAction(tenantA.slug, draft.id)).toMatchObject({ ok: true, data: { status: 'LIVE' } });
    expect(await actions.changeStatusAction(tenantA.slug, draft.id, 'pause')).toMatchObject({
      ok: true,
      data: { status: 'PAUSED' },
    });
    expect(await actions.changeStatusAction(tenantA.slug, draft.id, 'resume')).toMatchObject({
      ok: true,
      data: { status: 'LIVE' },
    });
    expect(await actions.changeStatusAction(tenantA.slug, draft.id, 'end')).toMatchObject({
      ok: true,
      data: { status: 'ENDED' },
    });
    expect(await actions.changeStatusAction(tenantA.slug, draft.id, 'resume')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });
    const audits = await db.auditLog.findMany({
      where: { objectId: draft.id, actorId: people.OPERATOR },
      orderBy: { id: 'asc' },
      select: { action: true },
    });
    expect(audits.map((a) => a.action)).toEqual([
      'activity.publish',
      'activity.pause',
      'activity.resume',
      'activity.end',
    ]);
  });

  it('audit each under the request id the browser named, so a failure it shows can be looked up', async () => {
    as('OPERATOR');
    const draft = await draftIn(tenantA.id, prizeA);
    const ids = { publish: crypto.randomUUID(), pause: crypto.randomUUID() };
    expect(await actions.publishAction(tenantA.slug, draft.id, ids.publish)).toMatchObject({ ok: true });
    expect(await actions.changeStatusAction(tenantA.slug, draft.id, 'pause', ids.pause)).toMatchObject({ ok: true });
    // Not a plain token: replaced by a fresh id rather than written to the log as given.
    expect(await actions.changeStatusAction(tenantA.slug, draft.id, 'resume', 'bad id\n')).toMatchObject({ ok: true });
    const audits = await db.auditLog.findMany({
      where: { objectId: draft.id, actorId: people.OPERATOR },
      orderBy: { id: 'asc' },
      select: { action: true, requestId: true },
    });
    expect(audits.slice(0, 2)).toEqual([
      { action: 'activity.publish', requestId: ids.publish },
      { action: 'activity.pause', requestId: ids.pause },
    ]);
    expect(audits[2]!.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('simulateAction and the spec export', () => {
  it("let an ANALYST read (simulate, export) but not another tenant's activity", async () => {
    const draft = await draftIn(tenantA.id, prizeA);
    const foreign = await draftIn(tenantB.id, prizeB);
    as('ANALYST');
    const sim = await actions.simulateAction(tenantA.slug, draft.id, { draws: 1_000, shape: 'launch' });
    expect(sim).toMatchObject({ ok: true, data: { draws: 1_000, tiers: [{ name: 'Only tier' }] } });
    expect(await actions.simulateAction(tenantA.slug, foreign.id, { draws: 10, shape: 'flat' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await actions.simulateAction(tenantA.slug, draft.id, { draws: 0, shape: 'flat' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', issues: [{ path: 'draws' }] },
    });

    const exported = await callRoute(specJson, { params: { tenant: tenantA.slug, activityId: draft.id } });
    expect(exported.status).toBe(200);
    expect(exported.json).toMatchObject({
      name: 'Test activity',
      timezone: 'Asia/Shanghai',
      tiers: [{ name: 'Only tier', probability: 0.1, stock: 10, prizes: [{ prizeId: prizeA, quantity: 1 }] }],
    });
    expect(exported.json.startsAt).toMatch(/\+08:00$/);
    expect((await callRoute(specJson, { params: { tenant: tenantA.slug, activityId: foreign.id } })).status).toBe(404);
    expect((await callRoute(specJson, { params: { tenant: tenantB.slug, activityId: foreign.id } })).status).toBe(404);
    as(null);
    expect((await callRoute(specJson, { params: { tenant: tenantA.slug, activityId: draft.id } })).status).toBe(401);
  });

  it('round-trips: an exported spec imports as an equal draft', async () => {
    const draft = await draftIn(tenantA.id, prizeA, {
      tasks: [{ kind: 'event', eventType: 'post_created', name: 'Post', chances: 2, perDay: 3 }],
      materials: { title: 'T', rulesText: 'Be nice' },
    });
    as('OPERATOR');
    const exported = await callRoute(specJson, { params: { tenant: tenantA.slug, activityId: draft.id } });
    const imported = await actions.importSpecAction(tenantA.slug, exported.text);
    expect(imported.ok).toBe(true);
    const again = await callRoute(specJson, {
      params: { tenant: tenantA.slug, activityId: imported.ok ? imported.data.id : '' },
    });
    expect(again.json).toEqual(exported.json);
  });
});

describe('banner upload', () => {
  it('refuses an ANALYST and another tenant; stores an OPERATOR’s PNG and serves it back', async () => {
    as('ANALYST');
    expect((await upload(tenantA.slug, PNG)).status).toBe(403);
    as('OPERATOR');
    expect((await upload(tenantB.slug, PNG)).status).toBe(404);
    const res = await upload(tenantA.slug, PNG);
    expect(res.status).toBe(201);
    const { url } = (await res.json()) as { url: string };
    expect(url).toMatch(/^\/uploads\/[0-9a-f-]{36}\.png$/);
    const served = await callRoute(servedUpload, { params: { file: url.slice('/uploads/'.length) } });
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
  });

  it('accepts only raster images up to 2 MB, judged by their bytes', async () => {
    as('OPERATOR');
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    expect((await upload(tenantA.slug, svg)).status).toBe(415);
    const big = new Uint8Array(2 * 1024 * 1024 + 1);
    big.set(PNG);
    expect((await upload(tenantA.slug, big)).status).toBe(413);
    expect((await callRoute(servedUpload, { params: { file: '../package.json' } })).status).toBe(404);
  });
});

describe('duplicateAction, deleteDraftAction and archiveAction', () => {
  it('duplicate: a draft with the whole spec, in the same tenant only; an analyst and another tenant change nothing', async () => {
    const segments = [{ fromHour: 20, toHour: 22, probability: 0.3 }];
    const source = await createActivity(
      tenantA.id,
      testActor,
      specFor(
        [{ name: 'Gold', probability: 0.1, stock: 10, pacing: 'even', segments, prizes: [{ prizeId: prizeA }] }],
        {
          name: 'Spring wheel',
          tasks: [{ kind: 'sign_in', name: 'Check in', chances: 1, perDay: 1 }],
        },
      ),
    );
    const before = await activityCount(tenantA.id);
    as('ANALYST');
    expect(await actions.duplicateAction(tenantA.slug, source.id)).toMatchObject({ ok: false });
    as('OPERATOR');
    expect(await actions.duplicateAction(tenantB.slug, source.id)).toMatchObject({ ok: false });
    expect(await activityCount(tenantA.id)).toBe(before);

    const copied = await actions.duplicateAction(tenantA.slug, source.id.toUpperCase());
    expect(copied.ok).toBe(true);
    const copy = await db.activity.findUniqueOrThrow({
      where: { id: (copied as { data: { id: string } }).data.id },
      include: { tiers: true, tasks: true },
    });
    expect(copy).toMatchObject({ tenantId: tenantA.id, status: 'DRAFT', name: 'Spring wheel (copy)' });
    expect(copy.tiers.map((t) => [t.name, t.probabilityMicros, t.stock, t.pacing, t.segments])).toEqual([
      ['Gold', 100_000, 10, 'EVEN', [{ fromHour: 20, toHour: 22, probabilityMicros: 300_000 }]],
    ]);
    expect(copy.tasks.map((t) => t.name)).toEqual(['Check in']);
  });

  it('delete: a draft only, never a published activity, never another tenant’s', async () => {
    const draft = await draftIn(tenantA.id, prizeA);
    as('ANALYST');
    expect(await actions.deleteDraftAction(tenantA.slug, draft.id)).toMatchObject({ ok: false });
    as('OPERATOR');
    expect(await actions.deleteDraftAction(tenantB.slug, draft.id)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await db.activity.count({ where: { id: draft.id } })).toBe(1);
    expect(await actions.deleteDraftAction(tenantA.slug, draft.id)).toEqual({ ok: true, data: null });
    expect(await db.activity.count({ where: { id: draft.id } })).toBe(0);
    expect(await db.tier.count({ where: { activityId: draft.id } })).toBe(0);
    expect(await db.auditLog.count({ where: { objectId: draft.id, action: 'activity.delete' } })).toBe(1);

    const published = await draftIn(tenantA.id, prizeA);
    expect((await actions.publishAction(tenantA.slug, published.id)).ok).toBe(true);
    expect(await actions.deleteDraftAction(tenantA.slug, published.id)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await db.activity.count({ where: { id: published.id } })).toBe(1);
  });

  it('archive: an ended activity leaves the list and comes back; a live one cannot be archived', async () => {
    const { listActivities } = await import('@/lib/activities/list-activities');
    const a = await draftIn(tenantA.id, prizeA, { name: 'To archive' });
    as('OPERATOR');
    expect((await actions.publishAction(tenantA.slug, a.id)).ok).toBe(true);
    expect(await actions.archiveAction(tenantA.slug, a.id, true)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect((await actions.changeStatusAction(tenantA.slug, a.id, 'end')).ok).toBe(true);
    expect(await actions.archiveAction(tenantB.slug, a.id, true)).toMatchObject({ ok: false });
    as('ANALYST');
    expect(await actions.archiveAction(tenantA.slug, a.id, true)).toMatchObject({ ok: false });
    as('OPERATOR');
    expect((await actions.archiveAction(tenantA.slug, a.id, true)).ok).toBe(true);
    const ids = async (archived: boolean) => (await listActivities(tenantA.id, { archived })).map((x) => x.id);
    expect(await ids(false)).not.toContain(a.id);
    expect(await ids(true)).toContain(a.id);
    expect((await actions.archiveAction(tenantA.slug, a.id, false)).ok).toBe(true);
    expect(await ids(false)).toContain(a.id);
    expect(await ids(true)).not.toContain(a.id);
  });
});

// The console's server actions judge their arguments by the same rules as the API: NUL, other
// control characters and lone surrogates in text, non-web URLs, impossible dates, zones the
// database reads otherwise and integers past their columns are VALIDATION_FAILED naming the
// field (never INTERNAL), and nothing is written.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createActivity } from '@/lib/activities/create-activity';
import { db } from '@/lib/db';
import { executeDraw } from '@/lib/draw/execute-draw';
import { createPrize } from '@/lib/prizes/create-prize';
import { endUser, liveActivity, specFor, testActor } from '../helpers/activities';
import { freshTenant, membersOfEachRole } from '../helpers/fixtures';
import { expectActionRefused } from '../helpers/refusals';

const session = vi.hoisted(() => ({ operatorId: null as string | null }));
vi.mock('server-only', () => ({}));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
// The pages read the console's language from the request (components/console/i18n-server.ts): none here.
vi.mock('next/headers', () => ({ cookies: async () => new Map(), headers: async () => new Headers() }));
vi.mock('next-auth/next', () => ({
  getServerSession: async () => (session.operatorId ? { user: { id: session.operatorId } } : null),
}));

const activities = await import('@/app/(console)/t/[tenant]/activities/actions');
const prizes = await import('@/app/(console)/t/[tenant]/prizes/actions');
const risk = await import('@/app/(console)/t/[tenant]/risk/actions');
const settings = await import('@/app/(console)/t/[tenant]/settings/actions');
const winners = await import('@/app/(console)/t/[tenant]/winners/actions');
const pages = {
  audit: (await import('@/app/(console)/t/[tenant]/audit/page')).default,
  activities: (await import('@/app/(console)/t/[tenant]/activities/page')).default,
  winners: (await import('@/app/(console)/t/[tenant]/winners/page')).default,
  ledger: (await import('@/app/(console)/t/[tenant]/prizes/[prizeId]/page')).default,
};

let tenant: Awaited<ReturnType<typeof freshTenant>>;
let prizeId: string;

beforeAll(async () => {
  tenant = await freshTenant();
  const people = await membersOfEachRole(tenant.id);
  session.operatorId = people.OWNER;
  prizeId = (await createPrize(tenant.id, testActor, { name: 'Mug', kind: 'physical', stock: 1_000 })).id;
});

/** Every row a refused action could have written in the tenant. */
const tenantRows = async () => ({
  prizes: await db.prize.findMany({
    where: { tenantId: tenant.id },
    select: { id: true, name: true, availableStock: true, version: true },
  }),
  activities: await db.activity.findMany({
    where: { tenantId: tenant.id },
    select: { id: true, version: true, name: true, timezone: true },
  }),
  audit: await db.auditLog.count({ where: { tenantId: tenant.id } }),
  movements: await db.stockMovement.count({ where: { tenantId: tenant.id } }),
  apiKeys: await db.apiKey.count({ where: { tenantId: tenant.id } }),
  entries: await db.riskListEntry.count({ where: { tenantId: tenant.id } }),
  wins: await db.win.findMany({ where: { tenantId: tenant.id }, select: { id: true, status: true, carrier: true } }),
});

describe('console actions refuse hostile input', () => {
  it('prizes: a name with NUL, a javascript: image, a reason with controls; nothing written', async () => {
    const before = await tenantRows();
    expectActionRefused(
      await prizes.createPrizeAction(tenant.slug, { name: 'Mug\u0000', kind: 'physical', stock: 1 }),
      'name',
    );
    expectActionRefused(
      await prizes.createPrizeAction(tenant.slug, {
        name: 'Mug',
        kind: 'physical',
        stock: 1,
        imageUrl: 'javascript:alert(1)',
      }),
      'imageUrl',
    );
    expectActionRefused(await prizes.restockPrizeAction(tenant.slug, prizeId, 5, 'audit\u001b[2K'), 'reason');
    expectActionRefused(await prizes.restockPrizeAction(tenant.slug, prizeId, 5, 'half \ud83d'), 'reason');
    expect(await tenantRows()).toEqual(before);
  });

  it(
    'activities: autosave and import refuse controls, impossible dates, zones the database reads ' +
      'otherwise and versions past int4',
    async () => {
      const draft = await createActivity(
        tenant.id,
        testActor,
        specFor([{ probability: 0.1, stock: 10, prizes: [{ prizeId }] }]),
      );
      const { version } = await db.activity.findUniqueOrThrow({ where: { id: draft.id }, select: { version: true } });
      const before = await tenantRows();
      const spec = (over: object) => ({
        ...specFor([{ probability: 0.1, stock: 10, prizes: [{ prizeId }] }]),
        ...over,
      });
      const save = (s: object, v = version) => activities.saveDraftAction(tenant.slug, draft.id, v, s);
      expectActionRefused(await save(spec({ timezone: 'CTT' })), 'timezone');
      expectActionRefused(await save(spec({ timezone: 'CET' })), 'timezone');
      expectActionRefused(await save(spec({ materials: { rulesText: 'Rules\u0000' } })), 'materials.rulesText');
      expectActionRefused(
        await save(
          spec({
            tiers: [
              {
                name: 'T',
                probability: 0.1,
                stock: 1,
                prizes: [{ prizeId }],
                segments: [{ fromHour: 0, toHour: 24, fromDate: '2027-02-30', probability: 0.1 }],
              },
            ],
          }),
        ),
        'tiers.0.segments.0.fromDate',
      );
      const tooNew = await save(spec({ name: 'Renamed' }), 2 ** 31);
      expect(tooNew).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      expectActionRefused(
        await activities.importSpecAction(tenant.slug, JSON.stringify(spec({ name: 'Imported \udc00' }))),
        'name',
      );
      expectActionRefused(
        await activities.importSpecAction(
          tenant.slug,
          JSON.stringify(spec({ materials: { bannerUrl: 'file:///etc/passwd' } })),
        ),
        'materials.bannerUrl',
      );
      expect(await tenantRows()).toEqual(before);
    },
  );

  it(
    'risk: pasted values and CSV lines with NUL or controls are refused, with their line; nothing ' + 'written',
    async () => {
      const before = await tenantRows();
      expectActionRefused(
        await risk.addRiskListEntriesAction(tenant.slug, { kind: 'user', lines: 'mallory\nmal\u0000lory' }),
        'lines',
      );
      expectActionRefused(
        await risk.addRiskListEntriesAction(tenant.slug, { kind: 'user', lines: 'mallory', reason: 'fraud\u0007' }),
        'reason',
      );
      const csv = await risk.importRiskListCsvAction(
        tenant.slug,
        'kind,value\nuser,mallory\nuser,mal\u0000lory\ndevice,\ud800dev\n',
      );
      expect(csv).toMatchObject({ ok: true, data: { imported: false, errorCount: 2 } });
      const errors = (csv as { data: { errors: { line: number; message: string }[] } }).data.errors;
      expect(errors.map((e) => e.line)).toEqual([3, 4]);
      expect(errors[0]!.message).toMatch(/NUL/);
      expect(await tenantRows()).toEqual(before);
    },
  );

  it(
    'settings and winners: a key name, a carrier or a reason with NUL or controls; the tenant slug too ' +
      '(not found, not a 500)',
    async () => {
      const { activity } = await liveActivity(() => [{ probability: 1, stock: 10, prizes: [{ prizeId }] }], { tenant });
      const won = await executeDraw(endUser(tenant, 'wendy'), activity.id, randomUUID());
      const winId = won.winIds[0]!;
      const before = await tenantRows();
      expectActionRefused(await settings.createApiKeyAction(tenant.slug, 'deploy\u0000bot'), 'name');
      expectActionRefused(await winners.shipWinAction(tenant.slug, winId, 'SF\u0000Express', 'SF 123'), 'carrier');
      expectActionRefused(await winners.voidWinAction(tenant.slug, winId, 'dup \ud800'), 'reason');
      expectActionRefused(await winners.rejectWinAction(tenant.slug, winId, 'dup\u001b'), 'reason');
      expect(await settings.createApiKeyAction(`${tenant.slug}\u0000`, 'deploy bot')).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      expect(await tenantRows()).toEqual(before);
    },
  );

  it('console pages drop filters that storage cannot hold (NUL, lone surrogates, ids past bigint) instead of failing', async () => {
    const query = (searchParams: Record<string, string>, extra: Record<string, string> = {}) => ({
      params: Promise.resolve({ tenant: tenant.slug, prizeId: '', ...extra }),
      searchParams: Promise.resolve(searchParams),
    });
    await expect(pages.audit(query({ id: 'x\u0000' }))).resolves.toBeTruthy();
    await expect(pages.audit(query({ actor: 'OPERATOR:\u0000' }))).resolves.toBeTruthy();
    await expect(pages.audit(query({ before: '9999999999999999999' }))).resolves.toBeTruthy();
    await expect(pages.activities(query({ q: 'spring\u0000' }))).resolves.toBeTruthy();
    await expect(pages.activities(query({ q: '\ud800' }))).resolves.toBeTruthy();
    await expect(pages.winners(query({ user: 'wendy\u0000' }))).resolves.toBeTruthy();
    await expect(pages.winners(query({ from: '0001-01-01', to: '2027-02-30' }))).resolves.toBeTruthy();
    await expect(
      pages.ledger(query({ cursor: '1700000000000_9999999999999999999' }, { prizeId })),
    ).resolves.toBeTruthy();
    await expect(
      pages.winners(query({ cursor: '1700000000000_------------------------------------' })),
    ).resolves.toBeTruthy();
    await expect(pages.winners(query({ cursor: `999999999999999_${randomUUID()}` }))).resolves.toBeTruthy();
  });
});

// The tenant's host app origins: set by an owner in Settings (checked line by line, audited),
// refused to every other role, and delivered to the play page (its props, which the browser code
// checks event.origin against) and to its Content-Security-Policy frame-ancestors.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { renderPlayPage, renderRulesPage } from '@/lib/h5/render-play-page';
import { liveActivity } from '../helpers/activities';
import { freshTenant, membersOfEachRole } from '../helpers/fixtures';

const session = vi.hoisted(() => ({ operatorId: null as string | null }));
vi.mock('server-only', () => ({}));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
vi.mock('next-auth/next', () => ({
  getServerSession: async () => (session.operatorId ? { user: { id: session.operatorId } } : null),
}));

const settings = await import('@/app/(console)/t/[tenant]/settings/actions');

let tenant: Awaited<ReturnType<typeof freshTenant>>;
let people: Record<'OWNER' | 'OPERATOR' | 'ANALYST', string>;
const originsOf = async () =>
  (await db.tenant.findUniqueOrThrow({ where: { id: tenant.id }, select: { hostAppOrigins: true } })).hostAppOrigins;
const propsOf = (html: string) =>
  JSON.parse(/<script type="application\/json" id="play-props">([\s\S]*?)<\/script>/.exec(html)![1]!);

beforeAll(async () => {
  tenant = await freshTenant();
  people = await membersOfEachRole(tenant.id);
}, 60_000);

describe('Settings → Host app', () => {
  it('an owner sets exact origins, normalised, and the change is audited', async () => {
    session.operatorId = people.OWNER;
    const r = await settings.updateHostAppOriginsAction(tenant.slug, [
      'https://App.Example.com/',
      'http://localhost:8080',
      'https://app.example.com',
    ]);
    expect(r).toEqual({ ok: true, data: { origins: ['https://app.example.com', 'http://localhost:8080'] } });
    expect(await originsOf()).toEqual(['https://app.example.com', 'http://localhost:8080']);
    const audit = await db.auditLog.findFirstOrThrow({
      where: { tenantId: tenant.id, action: 'tenant.hostAppOrigins' },
    });
    expect(audit).toMatchObject({
      actorId: people.OWNER,
      before: { origins: [] },
      after: { origins: ['https://app.example.com', 'http://localhost:8080'] },
    });
  });

  it('refuses wildcards, paths and plain http, naming the line, and keeps the list', async () => {
    session.operatorId = people.OWNER;
    for (const bad of [
      'https://*.example.com',
      'https://app.example.com/embed',
      'http://app.example.com',
      'https://a.test https://b.test',
    ]) {
      const r = await settings.updateHostAppOriginsAction(tenant.slug, ['https://ok.example.com', bad]);
      expect(r).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/^origins\.1: /) },
      });
    }
    expect(await originsOf()).toEqual(['https://app.example.com', 'http://localhost:8080']);
  });

  it('is for owners only', async () => {
    for (const role of ['OPERATOR', 'ANALYST'] as const) {
      session.operatorId = people[role];
      expect(await settings.updateHostAppOriginsAction(tenant.slug, [])).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    expect(await originsOf()).toEqual(['https://app.example.com', 'http://localhost:8080']);
  });
});

describe('the play page', () => {
  it('carries the origins in its props and in frame-ancestors; none configured frames nowhere', async () => {
    const { activity } = await liveActivity((p) => [{ probability: 0.2, stock: 10, prizes: [{ prizeId: p[0]! }] }], {
      tenant,
    });
    await db.tenant.update({
      where: { id: tenant.id },
      data: { hostAppOrigins: ['https://app.example.com', 'http://localhost:8080'] },
    });
    const page = await renderPlayPage(activity.id, 'en', Date.now() + 60_000);
    expect(page.headers.get('content-security-policy')).toBe(
      'frame-ancestors https://app.example.com http://localhost:8080',
    );
    expect(propsOf(await page.text()).activity.hostAppOrigins).toEqual([
      'https://app.example.com',
      'http://localhost:8080',
    ]);
    expect((await renderRulesPage(activity.id, 'en')).headers.get('content-security-policy')).toBe(
      'frame-ancestors https://app.example.com http://localhost:8080',
    );

    await db.tenant.update({ where: { id: tenant.id }, data: { hostAppOrigins: [] } });
    const none = await renderPlayPage(activity.id, 'en', Date.now() + 120_000);
    expect(none.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
    expect(propsOf(await none.text()).activity.hostAppOrigins).toEqual([]);
    expect(
      (await renderPlayPage('6f1c1f4e-0000-4000-8000-000000000000', 'en')).headers.get('content-security-policy'),
    ).toBe("frame-ancestors 'none'");
  });
});

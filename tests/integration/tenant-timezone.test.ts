// The console's time zone: an owner sets it (a zone both Node and PostgreSQL read alike, audited),
// nobody else can, and the winners' day filters read their days in it.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { executeDraw } from '@/lib/draw/execute-draw';
import { queryWinners } from '@/lib/fulfilment/list-winners';
import { endUser, liveActivity } from '../helpers/activities';
import { freshTenant, membersOfEachRole } from '../helpers/fixtures';

const session = vi.hoisted(() => ({ operatorId: null as string | null }));
vi.mock('server-only', () => ({}));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
vi.mock('next-auth/next', () => ({
  getServerSession: async () => (session.operatorId ? { user: { id: session.operatorId } } : null),
}));
const { updateTimezoneAction } = await import('@/app/(console)/t/[tenant]/settings/actions');
const { winnerFilters } = await import('@/app/(console)/t/[tenant]/winners/winners-query');

let tenant: Awaited<ReturnType<typeof freshTenant>>;
let other: Awaited<ReturnType<typeof freshTenant>>;
let people: Awaited<ReturnType<typeof membersOfEachRole>>;
const zoneOf = async (id: string) => (await db.tenant.findUniqueOrThrow({ where: { id } })).timezone;

beforeAll(async () => {
  tenant = await freshTenant();
  other = await freshTenant();
  people = await membersOfEachRole(tenant.id);
});

describe('the console time zone', () => {
  it('is Asia/Shanghai by default and set by an owner only, to a zone both sides read alike', async () => {
    expect(await zoneOf(tenant.id)).toBe('Asia/Shanghai');
    session.operatorId = people.OPERATOR;
    expect(await updateTimezoneAction(tenant.slug, 'Europe/Berlin')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    session.operatorId = people.OWNER;
    expect(await updateTimezoneAction(other.slug, 'Europe/Berlin')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    for (const bad of ['Mars/Olympus', 'CTT', 'Europe/Berlin\u0000', 'x'.repeat(65)])
      expect(await updateTimezoneAction(tenant.slug, bad)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED' },
      });
    expect(await zoneOf(tenant.id)).toBe('Asia/Shanghai');
    expect(await updateTimezoneAction(tenant.slug, 'europe/berlin')).toEqual({
      ok: true,
      data: { timezone: 'Europe/Berlin' },
    });
    expect(await zoneOf(tenant.id)).toBe('Europe/Berlin');
    expect(await zoneOf(other.id)).toBe('Asia/Shanghai');
    expect(await db.auditLog.count({ where: { tenantId: tenant.id, action: 'tenant.timezone' } })).toBe(1);
  });

  it("reads the winners' days in the console's zone", async () => {
    const live = await liveActivity((p) => [{ probability: 1, stock: 10, prizes: [{ prizeId: p[0]! }] }]);
    await executeDraw(endUser(live.tenant, 'u'), live.activity.id, randomUUID());
    const [win] = await db.win.findMany({ where: { activityId: live.activity.id } });
    // The win's day in Shanghai (UTC+8) and in Honolulu (UTC-10) are seldom the same day.
    const dayIn = (zone: string) => new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(win!.createdAt);
    for (const zone of ['Asia/Shanghai', 'Pacific/Honolulu']) {
      const day = dayIn(zone);
      const found = await queryWinners(live.tenant.id, winnerFilters({ from: day, to: day }, zone), { limit: 10 });
      expect(
        found.items.map((w) => w.winId),
        zone,
      ).toEqual([win!.id]);
    }
    const shanghaiDay = dayIn('Asia/Shanghai');
    if (shanghaiDay !== dayIn('Pacific/Honolulu')) {
      const wrong = await queryWinners(
        live.tenant.id,
        winnerFilters({ from: shanghaiDay, to: shanghaiDay }, 'Pacific/Honolulu'),
        { limit: 10 },
      );
      expect(wrong.items).toEqual([]);
    }
  });
});

// Shipping by CSV: a malformed file ships nothing and names its lines; a good file ships each
// claimed win through the shipping service, and reports by line the wins that cannot ship (not
// claimed, another tenant's), in the tenant only.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { executeDraw } from '@/lib/draw/execute-draw';
import { claimWin } from '@/lib/fulfilment/claim-win';
import { endUser, liveActivity } from '../helpers/activities';
import { membersOfEachRole } from '../helpers/fixtures';

const session = vi.hoisted(() => ({ operatorId: null as string | null }));
vi.mock('server-only', () => ({}));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
vi.mock('next-auth/next', () => ({
  getServerSession: async () => (session.operatorId ? { user: { id: session.operatorId } } : null),
}));
const { importShipmentsAction } = await import('@/app/(console)/t/[tenant]/winners/actions');

let live: Awaited<ReturnType<typeof liveActivity>>;
let foreignWin: string;
let people: Awaited<ReturnType<typeof membersOfEachRole>>;
const claimed: string[] = [];
let unclaimed: string;

beforeAll(async () => {
  live = await liveActivity((p) => [{ probability: 1, stock: 100, prizes: [{ prizeId: p[0]! }] }]);
  for (let i = 0; i < 4; i++) {
    const user = endUser(live.tenant, `w${i}`);
    const { winIds } = await executeDraw(user, live.activity.id, randomUUID());
    if (i < 3) {
      await claimWin(user, winIds[0]!, { name: `W ${i}`, phone: '13812345678', address: '1 Road, Town' });
      claimed.push(winIds[0]!);
    } else unclaimed = winIds[0]!;
  }
  const other = await liveActivity((p) => [{ probability: 1, stock: 10, prizes: [{ prizeId: p[0]! }] }]);
  const user = endUser(other.tenant, 'x');
  foreignWin = (await executeDraw(user, other.activity.id, randomUUID())).winIds[0]!;
  await claimWin(user, foreignWin, { name: 'X', phone: '13812345678', address: '1 Road, Town' });
  people = await membersOfEachRole(live.tenant.id);
});

const statuses = async () =>
  (await db.win.findMany({ where: { id: { in: [...claimed, unclaimed, foreignWin] } } })).map((w) => [w.id, w.status]);

describe('importShipmentsAction', () => {
  it('refuses a malformed file whole, names its lines, and ships nothing; an analyst ships nothing', async () => {
    session.operatorId = people.OPERATOR;
    const before = await statuses();
    const bad = [
      'winId,carrier,trackingNumber',
      `${claimed[0]},SF Express,SF1001`,
      `not-a-uuid,SF Express,SF1002`,
      `${claimed[1]},SF Express,bad!tracking`,
      `${claimed[2]},SF Express`,
      `${claimed[0]!.toUpperCase()},SF Express,SF1003`,
      `${claimed[2]},"SF\u0000",SF1004`,
    ].join('\n');
    const refused = await importShipmentsAction(live.tenant.slug, bad);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.code).toBe('VALIDATION_FAILED');
    expect(!refused.ok && refused.error.issues.map((i) => i.path)).toEqual([
      'line 3',
      'line 4',
      'line 5',
      'line 7',
      'line 6',
      'line 7',
    ]);
    expect(await statuses()).toEqual(before);
    session.operatorId = people.ANALYST;
    expect((await importShipmentsAction(live.tenant.slug, `${claimed[0]},SF,SF1001`)).ok).toBe(false);
    expect(await statuses()).toEqual(before);
  });

  it('ships the claimed wins and reports by line those that cannot ship', async () => {
    session.operatorId = people.OPERATOR;
    const file = [
      `${claimed[0]},SF Express,SF2001`,
      `"${claimed[1]!.toUpperCase()}","Yunda, Ltd",YD 2002`,
      `${unclaimed},SF Express,SF2003`,
      `${foreignWin},SF Express,SF2004`,
      `${claimed[2]},EMS,EMS2005`,
    ].join('\r\n');
    const result = await importShipmentsAction(live.tenant.slug, file);
    expect(result.ok).toBe(true);
    const data = result.ok ? result.data : null;
    expect(data!.shipped).toBe(3);
    expect(data!.failed.map((f) => [f.line, f.code])).toEqual([
      [3, 'INVALID_STATE'],
      [4, 'NOT_FOUND'],
    ]);
    const shipped = await db.win.findMany({ where: { id: { in: claimed } }, orderBy: { claimName: 'asc' } });
    expect(shipped.map((w) => [w.status, w.carrier, w.trackingNumber])).toEqual([
      ['SHIPPED', 'SF Express', 'SF2001'],
      ['SHIPPED', 'Yunda, Ltd', 'YD 2002'],
      ['SHIPPED', 'EMS', 'EMS2005'],
    ]);
    expect((await db.win.findUniqueOrThrow({ where: { id: foreignWin } })).status).toBe('CLAIMED');
  });
});

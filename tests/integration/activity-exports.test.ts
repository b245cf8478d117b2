// An activity's draws and players as CSV from the console: operators only, the tenant's own
// activity only, every row once across pages, with the same formula guard as the winners' CSV.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { executeDraw } from '@/lib/draw/execute-draw';
import { drawsCsv, participationCsv } from '@/lib/exports/activity-exports';
import { endUser, liveActivity } from '../helpers/activities';
import { callRoute, membersOfEachRole } from '../helpers/fixtures';

const session = vi.hoisted(() => ({ operatorId: null as string | null }));
vi.mock('server-only', () => ({}));
vi.mock('next-auth/next', () => ({
  getServerSession: async () => (session.operatorId ? { user: { id: session.operatorId } } : null),
}));
const { GET: drawsRoute } = await import('@/app/(console)/t/[tenant]/activities/[activityId]/draws.csv/route');
const { GET: playersRoute } =
  await import('@/app/(console)/t/[tenant]/activities/[activityId]/participation.csv/route');

let live: Awaited<ReturnType<typeof liveActivity>>;
let other: Awaited<ReturnType<typeof liveActivity>>;
let people: Awaited<ReturnType<typeof membersOfEachRole>>;
const USERS = 30;

beforeAll(async () => {
  live = await liveActivity((p) => [{ name: 'Gold', probability: 0.5, stock: 1000, prizes: [{ prizeId: p[0]! }] }], {
    overrides: { limits: { freeDrawsPerDay: 3 } },
  });
  other = await liveActivity((p) => [{ probability: 0.5, stock: 10, prizes: [{ prizeId: p[0]! }] }]);
  // One player whose id looks like a formula.
  const users = [...Array.from({ length: USERS - 1 }, (_, i) => `p-${i}`), '=cmd'];
  for (const u of users)
    for (let n = 0; n < 3; n++) await executeDraw(endUser(live.tenant, u), live.activity.id, randomUUID());
  await executeDraw(endUser(other.tenant, 'p-0'), other.activity.id, randomUUID());
  people = await membersOfEachRole(live.tenant.id);
});

const lines = async (rows: AsyncGenerator<string>) => {
  let text = '';
  for await (const chunk of rows) text += chunk;
  return text
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');
};

describe('activity exports', () => {
  it('lists every draw and every player once, in the tenant only', async () => {
    const draws = await lines(drawsCsv(live.tenant.id, live.activity.id));
    expect(draws[0]).toBe('drawId,drawnAt,userId,outcome,tier,chance,configVersion,riskAction');
    expect(draws).toHaveLength(1 + USERS * 3);
    expect(new Set(draws.slice(1).map((l) => l.split(',')[0])).size).toBe(USERS * 3);
    expect(draws.some((l) => l.includes(",'=cmd,"))).toBe(true);
    const players = await lines(participationCsv(live.tenant.id, live.activity.id));
    expect(players[0]).toBe('userId,draws,wins,chancesEarned,firstDrawAt,lastDrawAt');
    expect(players).toHaveLength(1 + USERS);
    expect(players.slice(1).every((l) => l.split(',')[1] === '3')).toBe(true);
    // Small pages: the same rows, none lost or repeated at a page's edge.
    expect(await lines(drawsCsv(live.tenant.id, live.activity.id, 7))).toEqual(draws);
    expect(await lines(participationCsv(live.tenant.id, live.activity.id, 4))).toEqual(players);
    await expect(lines(drawsCsv(other.tenant.id, live.activity.id))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('are for operators: an analyst gets 403, another tenant 404, nobody signed in 401', async () => {
    const call = (route: typeof drawsRoute, tenant: string, activityId: string) =>
      callRoute(route, { params: { tenant, activityId } });
    for (const route of [drawsRoute, playersRoute]) {
      session.operatorId = people.OPERATOR;
      const ok = await call(route, live.tenant.slug, live.activity.id.toUpperCase());
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(ok.text).toContain('p-0');
      expect((await call(route, live.tenant.slug, other.activity.id)).status).toBe(404);
      expect((await call(route, other.tenant.slug, other.activity.id)).status).toBe(404);
      session.operatorId = people.ANALYST;
      expect((await call(route, live.tenant.slug, live.activity.id)).status).toBe(403);
      session.operatorId = null;
      expect((await call(route, live.tenant.slug, live.activity.id)).status).toBe(401);
    }
  });
});

// The host app pays invitations and confirms shares through its signed events (POST /api/v1/events):
// invite_accepted pays the inviter's invite task once per invitee and never for oneself; a share task
// confirmed by events pays only on share_confirmed, and the client's complete call is refused.
import { describe, expect, it } from 'vitest';
import { POST as complete } from '@/app/api/v1/activities/[activityId]/tasks/[taskId]/complete/route';
import { POST as events } from '@/app/api/v1/events/route';
import { GET as myState } from '@/app/api/v1/activities/[activityId]/me/route';
import { getActivityOrThrow } from '@/lib/activities/get-activity';
import { db } from '@/lib/db';
import { signEventBody } from '@/lib/events/verify-event-signature';
import { liveActivity } from '../helpers/activities';
import { bearer, callRoute } from '../helpers/fixtures';

async function setUp() {
  const live = await liveActivity((p) => [{ probability: 0.5, stock: 1000, prizes: [{ prizeId: p[0]! }] }], {
    overrides: {
      limits: { freeDrawsPerDay: 0 },
      tasks: [
        { kind: 'invite', name: 'Invite a friend', chances: 2, perDay: 2 },
        { kind: 'share', name: 'Share to Feed', chances: 1, perDay: 3, confirmBy: 'event' },
        { kind: 'share', name: 'Share (client)', chances: 1, perDay: 3 },
      ],
    },
  });
  const tasks = await db.task.findMany({ where: { activityId: live.activity.id }, orderBy: { position: 'asc' } });
  return { ...live, invite: tasks[0]!.id, hostShare: tasks[1]!.id, clientShare: tasks[2]!.id };
}

type Tenant = Awaited<ReturnType<typeof setUp>>['tenant'];
let n = 0;
const hostEvent = (userId: string, type: string, data?: Record<string, unknown>) => ({
  eventId: `ev-${Date.now()}-${n++}`,
  userId,
  type,
  occurredAt: new Date().toISOString(),
  ...(data ? { data } : {}),
});

function deliver(tenant: Tenant, body: unknown) {
  const raw = JSON.stringify(body);
  const timestamp = Math.floor(Date.now() / 1000);
  return callRoute(events, {
    method: 'POST',
    body: raw,
    headers: {
      'content-type': 'application/json',
      'x-tenant': tenant.slug,
      'x-timestamp': String(timestamp),
      'x-signature': signEventBody(tenant.webhookSecret, timestamp, raw),
    },
  });
}

const grants = (activityId: string, userId: string, taskId: string) =>
  db.chanceGrant.aggregate({ where: { activityId, userId, taskId }, _sum: { chances: true }, _count: { _all: true } });

describe('invite_accepted', () => {
  it('pays the inviter once per invitee; a repeat and a self-invite pay nothing', async () => {
    const { tenant, activity, invite } = await setUp();
    const first = await deliver(tenant, hostEvent('inviter', 'invite_accepted', { inviteeId: 'friend-1' }));
    expect(first.status, first.text).toBe(200);
    expect(first.json.results[0]).toMatchObject({ status: 'counted', chancesGranted: 2 });
    // The same invitee again, under a new event id: counted as an event, paid nothing.
    const repeat = await deliver(tenant, hostEvent('inviter', 'invite_accepted', { inviteeId: 'friend-1' }));
    expect(repeat.json.results[0]).toMatchObject({ status: 'counted', chancesGranted: 0 });
    // Inviting oneself pays nothing.
    const self = await deliver(tenant, hostEvent('inviter', 'invite_accepted', { inviteeId: 'inviter' }));
    expect(self.json.results[0]).toMatchObject({ status: 'counted', chancesGranted: 0 });
    // Another invitee pays again, within the per-day cap of 2; the third does not.
    await deliver(tenant, hostEvent('inviter', 'invite_accepted', { inviteeId: 'friend-2' }));
    const third = await deliver(tenant, hostEvent('inviter', 'invite_accepted', { inviteeId: 'friend-3' }));
    expect(third.json.results[0]).toMatchObject({ chancesGranted: 0 });
    expect(await grants(activity.id, 'inviter', invite)).toMatchObject({ _sum: { chances: 4 }, _count: { _all: 2 } });
    // The invitee counts once for the task, whoever reports inviting them.
    const other = await deliver(tenant, hostEvent('someone-else', 'invite_accepted', { inviteeId: 'friend-1' }));
    expect(other.json.results[0]).toMatchObject({ chancesGranted: 0 });
  });

  it('refuses an invitation without its invitee, naming the field, and grants nothing', async () => {
    const { tenant, activity } = await setUp();
    const res = await deliver(tenant, hostEvent('inviter', 'invite_accepted'));
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('VALIDATION_FAILED');
    expect(res.text).toContain('data.inviteeId');
    const nul = await deliver(tenant, hostEvent('inviter', 'invite_accepted', { inviteeId: 'a\u0000b' }));
    expect(nul.status).toBe(400);
    const unknown = await deliver(tenant, hostEvent('inviter', 'invite_accepted', { inviteeId: 'x', extra: 1 }));
    expect(unknown.status).toBe(400);
    expect(await db.chanceGrant.count({ where: { activityId: activity.id } })).toBe(0);
  });
});

describe('share tasks confirmed by events', () => {
  it('pay only on share_confirmed naming the task; the client complete call is 409 TASK_CONFIRMED_BY_HOST', async () => {
    const { tenant, activity, hostShare, clientShare } = await setUp();
    const token = await tenant.userToken('sharer');
    const byClient = await callRoute(complete, {
      method: 'POST',
      headers: bearer(token),
      params: { activityId: activity.id, taskId: hostShare.toUpperCase() },
    });
    expect(byClient.status).toBe(409);
    expect(byClient.json.error.code).toBe('TASK_CONFIRMED_BY_HOST');
    // A client-confirmed share is still completed by the client.
    const plain = await callRoute(complete, {
      method: 'POST',
      headers: bearer(token),
      params: { activityId: activity.id, taskId: clientShare },
    });
    expect(plain.status, plain.text).toBe(200);

    const confirmed = await deliver(
      tenant,
      hostEvent('sharer', 'share_confirmed', { taskId: hostShare.toUpperCase() }),
    );
    expect(confirmed.status, confirmed.text).toBe(200);
    expect(confirmed.json.results[0]).toMatchObject({ status: 'counted', chancesGranted: 1 });
    // Naming the client-confirmed share pays nothing through events.
    const wrong = await deliver(tenant, hostEvent('sharer', 'share_confirmed', { taskId: clientShare }));
    expect(wrong.json.results[0]).toMatchObject({ chancesGranted: 0 });
    // Within the task's cap of 3 a day.
    for (let i = 0; i < 4; i++) await deliver(tenant, hostEvent('sharer', 'share_confirmed', { taskId: hostShare }));
    expect(await grants(activity.id, 'sharer', hostShare)).toMatchObject({ _sum: { chances: 3 } });
    expect((await deliver(tenant, hostEvent('sharer', 'share_confirmed'))).status).toBe(400);
  });

  it('keeps confirmBy in the activity spec', async () => {
    const { tenant, activity } = await setUp();
    const read = await getActivityOrThrow(tenant.id, activity.id);
    expect(read.tasks.map((t) => ('confirmBy' in t ? t.confirmBy : undefined))).toEqual([
      undefined,
      'event',
      undefined,
    ]);
    // The play page learns which share the app confirms from GET me.
    const me = await callRoute(myState, {
      headers: bearer(await tenant.userToken('reader')),
      params: { activityId: activity.id },
    });
    expect(me.status).toBe(200);
    expect(me.json.tasks.map((t: { confirmBy?: string }) => t.confirmBy)).toEqual([undefined, 'event', undefined]);
  });
});

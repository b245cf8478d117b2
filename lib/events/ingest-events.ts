// POST /api/v1/events: behaviour events from the host app's server grant chances through the
// EVENT tasks whose eventType equals the event's type, in every live activity of the tenant.
// Two types also pay tasks of their own kind: invite_accepted pays the inviter's INVITE tasks
// once per invitee (never for inviting oneself), share_confirmed pays the SHARE task it names
// when that task is confirmed by events.
// Each (tenant, eventId) counts once: the ExternalEvent row is inserted in the same
// transaction as its grants, so concurrent deliveries of one event wait for the first and
// then find it done.
import { db, pgTransaction } from '../db';
import {
  applyGrantsToRedis,
  insertCappedGrant,
  lockLiveActivity,
  type GrantableTask,
  type InsertedGrant,
} from '../tasks/grant-chances';
import { INVITE_ACCEPTED, SHARE_CONFIRMED, type BehaviourEvent, type EventDelivery } from './schemas';

type EventTask = GrantableTask & { kind: string; eventType: string | null; confirmBy: string | null };

/** The tasks an event pays, among the tenant's live ones. */
function tasksPaidBy(event: BehaviourEvent, tasks: EventTask[]): EventTask[] {
  // An invitation of oneself pays nothing, whichever task would count it.
  if (event.type === INVITE_ACCEPTED && event.data?.inviteeId === event.userId) return [];
  return tasks.filter(
    (t) =>
      (t.kind === 'EVENT' && t.eventType === event.type) ||
      (t.kind === 'INVITE' && event.type === INVITE_ACCEPTED) ||
      (t.kind === 'SHARE' && t.confirmBy === 'event' && event.type === SHARE_CONFIRMED && t.id === event.data?.taskId),
  );
}

/** Makes a grant happen once: per invitee for invitations (whatever the event id), else per event. */
function grantKey(tenantId: string, event: BehaviourEvent, task: EventTask): string {
  if (event.type === INVITE_ACCEPTED) return `invite:${task.id}:${event.data!.inviteeId}`;
  return `event:${tenantId}:${event.eventId}:${task.id}`;
}

export type EventResult = { eventId: string; status: 'counted' | 'duplicate'; chancesGranted: number };

export async function ingestEvents(tenantId: string, delivery: EventDelivery, now = Date.now()) {
  const events = 'events' in delivery ? delivery.events : [delivery];
  const types = [...new Set(events.map((e) => e.type))];
  const tasks = await db.task.findMany({
    where: {
      tenantId,
      removedAt: null,
      OR: [
        { kind: 'EVENT', eventType: { in: types } },
        ...(types.includes(INVITE_ACCEPTED) ? [{ kind: 'INVITE' as const }] : []),
        ...(types.includes(SHARE_CONFIRMED) ? [{ kind: 'SHARE' as const, confirmBy: 'event' }] : []),
      ],
      activity: { status: 'LIVE', startsAt: { lte: new Date(now) }, endsAt: { gt: new Date(now) } },
    },
    select: {
      id: true,
      tenantId: true,
      activityId: true,
      kind: true,
      eventType: true,
      confirmBy: true,
      chances: true,
      perDay: true,
      total: true,
    },
    // One lock order for every transaction: activities, then tasks, by id.
    orderBy: [{ activityId: 'asc' }, { id: 'asc' }],
  });
  const results: EventResult[] = [];
  for (const event of events) {
    const matching = tasksPaidBy(event, tasks);
    const { result, grants } = await ingestOne(tenantId, event, matching, now);
    await applyGrantsToRedis(grants);
    results.push(result);
  }
  return {
    received: events.length,
    counted: results.filter((r) => r.status === 'counted').length,
    duplicates: results.filter((r) => r.status === 'duplicate').length,
    results,
  };
}

async function ingestOne(tenantId: string, event: BehaviourEvent, tasks: EventTask[], now: number) {
  return pgTransaction(
    async (sql) => {
      const { rowCount: inserted } = await sql.query(
        `INSERT INTO "ExternalEvent" (id, "tenantId", "eventId", "userId", type, "occurredAt")
         VALUES (gen_random_uuid(), $1::uuid, $2, $3, $4, $5::timestamp(3))
         ON CONFLICT ("tenantId", "eventId") DO NOTHING`,
        [tenantId, event.eventId, event.userId, event.type, new Date(event.occurredAt).toISOString()],
      );
      if (inserted !== 1)
        return { result: { eventId: event.eventId, status: 'duplicate' as const, chancesGranted: 0 }, grants: [] };
      const grants: InsertedGrant[] = [];
      for (const task of tasks) {
        const activity = await lockLiveActivity(sql, tenantId, task.activityId, now);
        if (!activity) continue;
        const { grant } = await insertCappedGrant(sql, {
          task,
          activity,
          userId: event.userId,
          source: 'EVENT',
          dedupeKey: grantKey(tenantId, event, task),
        });
        if (grant) grants.push(grant);
      }
      return {
        result: {
          eventId: event.eventId,
          status: 'counted' as const,
          chancesGranted: grants.reduce((s, g) => s + g.chances, 0),
        },
        grants,
      };
    },
    { timeoutMs: 15_000 },
  );
}

// POST /api/v1/events: behaviour events from the host app's server grant chances through the
// EVENT tasks whose eventType equals the event's type, in every live activity of the tenant.
// Each (tenant, eventId) counts once: the ExternalEvent row is inserted in the same
// transaction as its grants, so concurrent deliveries of one event wait for the first and
// then find it done.
import { db } from '../db';
import {
  applyGrantsToRedis,
  insertCappedGrant,
  lockLiveActivity,
  type GrantableTask,
  type InsertedGrant,
} from '../tasks/grant-chances';
import type { BehaviourEvent, EventDelivery } from './schemas';

export type EventResult = { eventId: string; status: 'counted' | 'duplicate'; chancesGranted: number };

export async function ingestEvents(tenantId: string, delivery: EventDelivery, now = Date.now()) {
  const events = 'events' in delivery ? delivery.events : [delivery];
  const types = [...new Set(events.map((e) => e.type))];
  const tasks = await db.task.findMany({
    where: {
      tenantId,
      kind: 'EVENT',
      eventType: { in: types },
      activity: { status: 'LIVE', startsAt: { lte: new Date(now) }, endsAt: { gt: new Date(now) } },
    },
    select: { id: true, tenantId: true, activityId: true, eventType: true, chances: true, perDay: true, total: true },
    // One lock order for every transaction: activities, then tasks, by id.
    orderBy: [{ activityId: 'asc' }, { id: 'asc' }],
  });
  const results: EventResult[] = [];
  for (const event of events) {
    const matching = tasks.filter((t) => t.eventType === event.type);
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

async function ingestOne(tenantId: string, event: BehaviourEvent, tasks: GrantableTask[], now: number) {
  return db.$transaction(
    async (tx) => {
      const inserted = await tx.$executeRaw`
      INSERT INTO "ExternalEvent" (id, "tenantId", "eventId", "userId", type, "occurredAt")
      VALUES (gen_random_uuid(), ${tenantId}::uuid, ${event.eventId}, ${event.userId}, ${event.type}, ${new Date(event.occurredAt)})
      ON CONFLICT ("tenantId", "eventId") DO NOTHING`;
      if (inserted !== 1)
        return { result: { eventId: event.eventId, status: 'duplicate' as const, chancesGranted: 0 }, grants: [] };
      const grants: InsertedGrant[] = [];
      for (const task of tasks) {
        const activity = await lockLiveActivity(tx, tenantId, task.activityId, now);
        if (!activity) continue;
        const { grant } = await insertCappedGrant(tx, {
          task,
          activity,
          userId: event.userId,
          source: 'EVENT',
          dedupeKey: `event:${tenantId}:${event.eventId}:${task.id}`,
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
    { maxWait: 10_000, timeout: 15_000 },
  );
}

// An activity's lifecycle, in one table: the only code that writes Activity.status.
//
//   DRAFT ──publish──▶ SCHEDULED ──start──▶ LIVE ◀──pause / resume──▶ PAUSED
//     └──────publish, its start already past──▲
//   SCHEDULED, LIVE or PAUSED ──end──▶ ENDED ──settle──▶ SETTLED
//
// A scheduled activity may be paused as well, and resumes as SCHEDULED while its start is ahead.
// SETTLED is the books' own: settling (lib/activities/settle-activity.ts) has finished, and
// everything outside shows it as ENDED (lib/activity-status.ts).
//
// Every change is optimistic: the caller names the state or states it expects the activity to
// leave, and the row version too when it decided on a row it had read; a change that finds the
// activity elsewhere writes nothing and says so. In one transaction with the status go the audit
// row, whatever the caller must write with it (publishing reserves its stock there), and the read
// of the hot state's generation, under which the draw then learns the new status
// (lib/draw/write-hot-state.ts: a state that is missing is rebuilt, never left stale). What
// reaching a state sets going is here too: the scheduled start and end of a published activity,
// the settle job of an ended one, and a mark for the periodic passes that read its books
// (lib/workers/dirty-activities.ts).
import type { ActivityStatus, Prisma } from '@/generated/prisma/client';
import { db } from '../db';
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { requestRedis, type Redis } from '../redis';
import { rebuildActivityState } from '../draw/rebuild-activity';
import { carryToHotState, lockStateEpoch, writeHotState } from '../draw/write-hot-state';
import { AFTER_DRAWS, markDirty } from '../workers/dirty-activities';
import { scheduleLifecycle } from './schedule-lifecycle';
import { scheduleSettle } from './schedule-settle';
import { dispatchDeliveries, emitEvent } from '../webhooks/emit-event';
import { nowMs } from '../clock';
import { holdPoint } from '../workers/hold-point';

/** Where each state may go. */
export const NEXT_STATUSES: Record<ActivityStatus, readonly ActivityStatus[]> = {
  DRAFT: ['SCHEDULED', 'LIVE'],
  SCHEDULED: ['LIVE', 'PAUSED', 'ENDED'],
  LIVE: ['PAUSED', 'ENDED'],
  PAUSED: ['LIVE', 'SCHEDULED', 'ENDED'],
  ENDED: ['SETTLED'],
  SETTLED: [],
};

type Tx = Prisma.TransactionClient;

export type TransitionRequest = {
  activityId: string;
  /** When given, another tenant's activity is not found. */
  tenantId?: string;
  /** The states the caller expects the activity to leave: it moves only from one of them. */
  from: readonly ActivityStatus[];
  to: ActivityStatus;
  /** The row version the caller decided on, when it read the row first. */
  version?: number;
  actor: Actor;
  /** The audit row's action (activity.pause, activity.end, ...) and what its `after` tells beside the status. */
  action: string;
  audit?: Record<string, unknown>;
  /** Columns written with the status (publishing: publishedAt and the config version). */
  columns?: Omit<Prisma.ActivityUpdateInput, 'status' | 'version' | 'endedAt' | 'settledAt'>;
  /** Runs in the transaction once the activity is found as expected; what it writes stands or falls with the status. */
  inTransaction?: (tx: Tx) => Promise<void>;
  /** Held around the transaction only (publishing holds its prizes' locks while it reserves). */
  lock?: <T>(inside: () => Promise<T>) => Promise<T>;
  now?: number;
  redis?: Redis;
};

export type TransitionOutcome =
  | { applied: true; from: ActivityStatus; to: ActivityStatus }
  /** Nothing written: the activity is in `status` (null: there is no such activity). */
  | { applied: false; status: ActivityStatus | null };

export async function transitionActivity(request: TransitionRequest): Promise<TransitionOutcome> {
  const { from, to } = request;
  const refused = from.filter((f) => !NEXT_STATUSES[f].includes(to));
  if (refused.length) throw new Error(`an activity cannot go from ${refused.join(' or ')} to ${to}`);
  const now = request.now ?? nowMs();
  const inLock = request.lock ?? ((inside) => inside());
  let recorded: Recorded;
  try {
    recorded = await inLock(() => db.$transaction((tx) => record(tx, request, now)));
  } catch (err) {
    if (err instanceof NotApplied) return { applied: false, status: err.status };
    throw err;
  }
  await holdPoint(`transition:${to}`, request.activityId);
  await dispatchDeliveries(recorded.deliveries);
  await followThrough(request, recorded, now);
  return { applied: true, from: recorded.from, to };
}

type Recorded = { from: ActivityStatus; epoch: number; deliveries: string[] };

class NotApplied extends Error {
  constructor(readonly status: ActivityStatus | null) {
    super('the activity is not in a state this change expects');
  }
}

async function record(tx: Tx, request: TransitionRequest, now: number): Promise<Recorded> {
  const { activityId, to } = request;
  // Locked against other writers of the row, not against the draws' inserts that point at it.
  const [row] = await tx.$queryRaw<{ status: ActivityStatus; version: number; tenantId: string }[]>`
    SELECT status, version, "tenantId"::text AS "tenantId" FROM "Activity"
    WHERE id = ${activityId}::uuid FOR NO KEY UPDATE`;
  if (!row || (request.tenantId !== undefined && row.tenantId !== request.tenantId)) throw new NotApplied(null);
  if (!request.from.includes(row.status) || (request.version !== undefined && row.version !== request.version)) {
    throw new NotApplied(row.status);
  }
  await request.inTransaction?.(tx);
  await tx.activity.update({
    where: { id: activityId },
    data: {
      ...request.columns,
      status: to,
      version: { increment: 1 },
      ...(to === 'ENDED' ? { endedAt: new Date(now) } : {}),
      ...(to === 'SETTLED' ? { settledAt: new Date(now) } : {}),
    },
    select: { id: true },
  });
  // Settling is the books closing, not a change anyone makes: its record is the ledger and settledAt.
  if (to !== 'SETTLED') {
    await writeAuditLog(
      row.tenantId,
      request.actor,
      {
        action: request.action,
        objectType: 'Activity',
        objectId: activityId,
        before: { status: row.status },
        after: { status: to, ...request.audit },
      },
      tx,
    );
  }
  return {
    from: row.status,
    epoch: await lockStateEpoch(tx, activityId),
    deliveries: await emitStatusEvent(tx, row, request, now),
  };
}

/**
 * activity.started the first time the activity goes live, activity.ended when it ends: once per
 * activity (the event id is derived from it), so a resume tells nothing again.
 */
async function emitStatusEvent(
  tx: Tx,
  row: { status: ActivityStatus; tenantId: string },
  { activityId, to }: Pick<TransitionRequest, 'activityId' | 'to'>,
  now: number,
): Promise<string[]> {
  const type = to === 'LIVE' ? 'activity.started' : to === 'ENDED' ? 'activity.ended' : null;
  if (!type) return [];
  const a = await tx.activity.findUniqueOrThrow({
    where: { id: activityId },
    select: { name: true, startsAt: true, endsAt: true },
  });
  return emitEvent(tx, {
    tenantId: row.tenantId,
    type,
    subjectId: activityId,
    oncePerSubject: true,
    data: {
      activityId,
      name: a.name,
      status: to,
      previousStatus: row.status,
      startsAt: a.startsAt.toISOString(),
      endsAt: a.endsAt.toISOString(),
      at: new Date(now).toISOString(),
    },
  });
}

/**
 * The follow-through of a change already committed, once more: the process that committed it may
 * have died before its follow-through ran, and the job redelivered after the crash finds the
 * activity already in `status`. Every step repeats harmlessly (a status carried again, a job
 * queued under the id it already has, a mark set again).
 */
export async function repeatFollowThrough(activityId: string, status: ActivityStatus, now = nowMs()) {
  const a = await db.activity.findUnique({ where: { id: activityId }, select: { status: true, stateEpoch: true } });
  if (!a || a.status !== status || status === 'DRAFT') return;
  await followThrough({ activityId, to: status }, { from: status, epoch: a.stateEpoch }, now);
}

/**
 * Tells the hot state that the activity has ended, as the end's follow-through does: the process
 * that ended it may have died between the commit and the follow-through, and settling, which every
 * ended activity reaches, makes that good. No state: nothing to tell (a rebuild reads the records).
 */
export async function carryEndToHotState(redis: Redis, activityId: string) {
  const a = await db.activity.findUnique({ where: { id: activityId }, select: { stateEpoch: true } });
  if (!a) return;
  await writeHotState(redis, activityId, a.stateEpoch, { hash: 'cfg', op: 'set', fields: { status: 'ENDED' } });
}

/** After the commit: the hot state learns the status, and what the new state needs is queued. */
async function followThrough(
  request: Pick<TransitionRequest, 'activityId' | 'to' | 'redis'>,
  { from, epoch }: Pick<Recorded, 'from' | 'epoch'>,
  now: number,
) {
  const { activityId, to } = request;
  const redis = request.redis ?? (await requestRedis());
  if (from === 'DRAFT') {
    // The first hot state is built as any rebuild builds it (under its lock, from the records). If
    // this fails the activity is published without one: draws fence and rebuild it.
    await rebuildActivityState(redis, activityId, { graceMs: 0, now, reason: 'publish' });
  } else if (to !== 'SETTLED') {
    // A settled activity is, to the draw, the ended one it already knows.
    await carryToHotState(redis, activityId, epoch, { hash: 'cfg', op: 'set', fields: { status: to } });
  }
  // Statistics, reconciliation and odds look again at an activity whose status changed; one just
  // published has nothing for them yet (their full passes still visit it).
  if (from !== 'DRAFT') await markDirty(redis, [activityId], AFTER_DRAWS);
  if (to === 'ENDED') await scheduleSettle(activityId);
  else if (to !== 'SETTLED') await scheduleLifecycle(activityId, now);
}

// POST /api/manage/changes/{id}/approve and /reject. An approval counts for the change's hash as
// it is now (an edit makes a new hash, so approvals before it no longer count); approvers are
// distinct identities other than the proposer's (an API key counts as the operator who created
// it: lib/activities/change-actors.ts).
import { Prisma } from '@/generated/prisma/client';
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { db } from '../db';
import { AppError } from '../errors';
import { advanceChange } from './advance-change';
import { actorIdentity } from './change-actors';
import { getChangeRowOrThrow, toChangeDto, type ChangeDto } from './change-dto';
import { approvalsNeeded, getApprovalPolicy } from './approval-policy';
import type { ChangeDiff } from './change-diff';

function open(status: string) {
  if (status !== 'PENDING' && status !== 'SCHEDULED') {
    throw new AppError('INVALID_STATE', `the change is ${status.toLowerCase()}`);
  }
}

export async function approveChange(tenantId: string, actor: Actor, changeId: string): Promise<ChangeDto> {
  const change = await getChangeRowOrThrow(tenantId, changeId);
  open(change.status);
  const identity = await actorIdentity(tenantId, actor);
  if (identity === change.proposerIdentity) {
    throw new AppError('FORBIDDEN', 'the proposer of a change cannot approve it (nor through a key they created)');
  }
  const required = approvalsNeeded(await getApprovalPolicy(tenantId), (change.diff as ChangeDiff).scopes);
  if (change.status === 'PENDING' && required === 0) {
    // A change left waiting by a policy since relaxed: approving it sets it going.
    return advanceChange(tenantId, change.id, actor);
  }
  try {
    await db.$transaction(async (tx) => {
      await tx.changeApproval.create({
        data: { changeId: change.id, hash: change.hash, actorType: actor.type, actorId: actor.id, identity },
      });
      await writeAuditLog(
        tenantId,
        actor,
        { action: 'change.approve', objectType: 'Change', objectId: change.id, after: { hash: change.hash } },
        tx,
      );
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
      throw new AppError('CONFLICT', 'you have approved this change already');
    }
    throw err;
  }
  return advanceChange(tenantId, change.id, actor);
}

export async function rejectChange(
  tenantId: string,
  actor: Actor,
  { changeId, reason }: { changeId: string; reason?: string },
): Promise<ChangeDto> {
  const change = await getChangeRowOrThrow(tenantId, changeId);
  open(change.status);
  if ((await actorIdentity(tenantId, actor)) === change.proposerIdentity) {
    throw new AppError('FORBIDDEN', 'the proposer of a change cancels it rather than rejecting it');
  }
  return closeChange(tenantId, actor, { change, status: 'REJECTED', reason });
}

/** DELETE /api/manage/changes/{id}: cancelled, by anyone of the tenant, while it has not applied. */
export async function cancelChange(tenantId: string, actor: Actor, changeId: string): Promise<ChangeDto> {
  const change = await getChangeRowOrThrow(tenantId, changeId);
  open(change.status);
  return closeChange(tenantId, actor, { change, status: 'CANCELLED' });
}

async function closeChange(
  tenantId: string,
  actor: Actor,
  {
    change,
    status,
    reason,
  }: { change: { id: string; status: string }; status: 'REJECTED' | 'CANCELLED'; reason?: string },
): Promise<ChangeDto> {
  await db.$transaction(async (tx) => {
    const closed = await tx.change.updateMany({
      where: { id: change.id, status: { in: ['PENDING', 'SCHEDULED'] } },
      data: { status, closedByType: actor.type, closedById: actor.id, closedReason: reason ?? null },
    });
    if (closed.count !== 1) throw new AppError('CONFLICT', 'the change was applied or closed meanwhile');
    const action = status === 'REJECTED' ? 'change.reject' : 'change.cancel';
    await writeAuditLog(
      tenantId,
      actor,
      {
        action,
        objectType: 'Change',
        objectId: change.id,
        before: { status: change.status },
        after: { status, reason },
      },
      tx,
    );
  });
  return toChangeDto(await getChangeRowOrThrow(tenantId, change.id));
}

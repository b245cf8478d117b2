// PATCH /api/manage/changes/{id}: a new patch, applyAt or reason for a change that has not
// applied. A new patch is diffed against the version in force (a change whose base has moved is
// rebased on it by the edit). The hash is made again, so every approval given before is void;
// the change then goes back through advanceChange (waiting again under a policy).
import type { Prisma } from '@/generated/prisma/client';
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { db } from '../db';
import { AppError } from '../errors';
import { advanceChange } from './advance-change';
import { getChangeRowOrThrow, type ChangeDto } from './change-dto';
import type { ChangePatch, EditChange } from './change-schemas';
import { changeHash, diffAgainstCurrent } from './propose-change';

export async function editChange(
  tenantId: string,
  actor: Actor,
  { changeId, edit }: { changeId: string; edit: EditChange },
): Promise<ChangeDto> {
  const change = await getChangeRowOrThrow(tenantId, changeId);
  if (change.status !== 'PENDING' && change.status !== 'SCHEDULED') {
    throw new AppError('INVALID_STATE', `the change is ${change.status.toLowerCase()}`);
  }
  const patch = edit.patch ?? (change.patch as ChangePatch);
  const { baseVersion, diff } = await diffAgainstCurrent(tenantId, change.activityId, { patch });
  const applyAt = edit.applyAt === undefined ? change.applyAt : edit.applyAt === null ? null : new Date(edit.applyAt);
  const hash = changeHash({ activityId: change.activityId, baseVersion, patch, applyAt });
  await db.$transaction(async (tx) => {
    const written = await tx.change.updateMany({
      where: { id: change.id, hash: change.hash, status: { in: ['PENDING', 'SCHEDULED'] } },
      data: {
        patch: patch as Prisma.InputJsonValue,
        baseVersion,
        diff: diff as unknown as Prisma.InputJsonValue,
        applyAt,
        hash,
        // Back to waiting: advanceChange decides again with the approvals of the new hash (none).
        status: 'PENDING',
        ...(edit.reason !== undefined ? { reason: edit.reason } : {}),
      },
    });
    if (written.count !== 1) throw new AppError('CONFLICT', 'the change was edited, applied or closed meanwhile');
    await writeAuditLog(
      tenantId,
      actor,
      {
        action: 'change.edit',
        objectType: 'Change',
        objectId: change.id,
        before: { hash: change.hash, patch: change.patch, applyAt: change.applyAt, baseVersion: change.baseVersion },
        after: {
          hash,
          patch,
          applyAt,
          baseVersion,
          approvalsVoided: change.approvals.filter((a) => a.hash === change.hash).length,
        },
      },
      tx,
    );
  });
  return advanceChange(tenantId, change.id, actor);
}

// What a change does next, decided in one place after each step that may move it (proposed,
// approved, edited): still waiting for approvals → PENDING; approved with applyAt ahead →
// SCHEDULED, its job queued; approved and due → applied now.
import type { Actor } from '../audit/write-audit-log';
import { db } from '../db';
import { applyChange } from './apply-change';
import { approvalsNeeded, getApprovalPolicy } from './approval-policy';
import type { ChangeDiff } from './change-diff';
import { changeSelect, toChangeDto, type ChangeDto } from './change-dto';
import { scheduleChange } from './schedule-change';

export async function advanceChange(tenantId: string, changeId: string, by: Actor): Promise<ChangeDto> {
  const change = await db.change.findFirstOrThrow({ where: { id: changeId, tenantId }, select: changeSelect });
  const required = approvalsNeeded(await getApprovalPolicy(tenantId), (change.diff as ChangeDiff).scopes);
  if (change.status !== 'PENDING' && change.status !== 'SCHEDULED') return toChangeDto(change, required);
  const approvals = change.approvals.filter((a) => a.hash === change.hash).length;
  if (approvals < required) {
    if (change.status === 'SCHEDULED') {
      await db.change.updateMany({ where: { id: change.id, status: 'SCHEDULED' }, data: { status: 'PENDING' } });
    }
    return toChangeDto(await reread(change.id), required);
  }
  if (change.applyAt && change.applyAt.getTime() > Date.now()) {
    await db.change.updateMany({
      where: { id: change.id, hash: change.hash, status: { in: ['PENDING', 'SCHEDULED'] } },
      data: { status: 'SCHEDULED' },
    });
    await scheduleChange(change);
    return toChangeDto(await reread(change.id), required);
  }
  return toChangeDto(await applyChange(tenantId, change.id, by), required);
}

const reread = (id: string) => db.change.findUniqueOrThrow({ where: { id }, select: changeSelect });

// GET /api/manage/changes and /changes/{id}: the tenant's changes, newest first; filtered by
// another tenant's activity, not found.
import { db } from '../db';
import { AppError } from '../errors';
import { approvalsNeeded, getApprovalPolicy } from './approval-policy';
import type { ChangeDiff } from './change-diff';
import { changeSelect, getChangeRowOrThrow, toChangeDto, type ChangeDto } from './change-dto';
import type { ChangesQuery } from './change-schemas';

export async function listChanges(tenantId: string, query: ChangesQuery): Promise<ChangeDto[]> {
  if (query.activityId) {
    const found = await db.activity.findFirst({ where: { id: query.activityId, tenantId }, select: { id: true } });
    if (!found) throw new AppError('NOT_FOUND', `activity ${query.activityId} not found`);
  }
  const rows = await db.change.findMany({
    where: {
      tenantId,
      ...(query.activityId ? { activityId: query.activityId } : {}),
      ...(query.status ? { status: query.status } : {}),
    },
    select: changeSelect,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: query.limit,
  });
  const policy = await getApprovalPolicy(tenantId);
  return rows.map((r) => toChangeDto(r, approvalsNeeded(policy, (r.diff as ChangeDiff).scopes)));
}

export async function getChange(tenantId: string, changeId: string): Promise<ChangeDto> {
  const row = await getChangeRowOrThrow(tenantId, changeId);
  const policy = await getApprovalPolicy(tenantId);
  return toChangeDto(row, approvalsNeeded(policy, (row.diff as ChangeDiff).scopes));
}

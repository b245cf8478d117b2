// A change as the management API shows it.
import type { Prisma } from '@/generated/prisma/client';
import { db } from '../db';
import { AppError } from '../errors';
import { isUuid } from '../ids';
import type { ChangeDiff } from './change-diff';

export const changeSelect = {
  id: true,
  tenantId: true,
  activityId: true,
  baseVersion: true,
  patch: true,
  hash: true,
  diff: true,
  status: true,
  applyAt: true,
  reason: true,
  proposerType: true,
  proposerId: true,
  proposerIdentity: true,
  appliedVersion: true,
  appliedAt: true,
  closedByType: true,
  closedById: true,
  closedReason: true,
  createdAt: true,
  updatedAt: true,
  approvals: { select: { hash: true, actorType: true, actorId: true, createdAt: true }, orderBy: { createdAt: 'asc' } },
} as const satisfies Prisma.ChangeSelect;
export type ChangeRow = Prisma.ChangeGetPayload<{ select: typeof changeSelect }>;

export function toChangeDto(c: ChangeRow, required?: number) {
  return {
    id: c.id,
    activityId: c.activityId,
    status: c.status,
    baseVersion: c.baseVersion,
    hash: c.hash,
    patch: c.patch,
    diff: c.diff as ChangeDiff,
    applyAt: c.applyAt?.toISOString() ?? null,
    reason: c.reason,
    proposedBy: { type: c.proposerType, id: c.proposerId },
    // Only approvals of the change as it is now: an edit voids the ones before.
    approvals: c.approvals
      .filter((a) => a.hash === c.hash)
      .map((a) => ({ by: { type: a.actorType, id: a.actorId }, at: a.createdAt.toISOString() })),
    ...(required !== undefined ? { approvalsRequired: required } : {}),
    appliedVersion: c.appliedVersion,
    appliedAt: c.appliedAt?.toISOString() ?? null,
    closedBy: c.closedByType ? { type: c.closedByType, id: c.closedById } : null,
    closedReason: c.closedReason,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
export type ChangeDto = ReturnType<typeof toChangeDto>;

export async function getChangeRowOrThrow(tenantId: string, changeId: string): Promise<ChangeRow> {
  const row = isUuid(changeId)
    ? await db.change.findFirst({ where: { id: changeId, tenantId }, select: changeSelect })
    : null;
  if (!row) throw new AppError('NOT_FOUND', `change ${changeId} not found`);
  return row;
}

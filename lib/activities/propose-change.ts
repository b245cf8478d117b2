// POST /api/manage/activities/{id}/changes: a patch of a published activity's configuration
// against the version in force (or the `baseVersion` the caller saw: another one → 409 CONFLICT,
// with the current version to rebase on). The patch is checked as a whole spec would be, its
// diff and cost computed, and it is stored with a hash of what it would do, the hash approvals
// are bound to. Then advanceChange: with no policy covering it, it applies at once (or is
// SCHEDULED); otherwise it waits. A change that fails to apply at once is closed (CANCELLED) with the reason.
import { createHash } from 'node:crypto';
import type { Prisma } from '@/generated/prisma/client';
import { hasEnded, publicStatus } from '../activity-status';
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { db } from '../db';
import { AppError } from '../errors';
import { isUuid } from '../ids';
import { activitySelect } from './activity-dto';
import { advanceChange } from './advance-change';
import { actorIdentity } from './change-actors';
import { diffConfigs, patchedConfig, type ChangeDiff } from './change-diff';
import type { ChangeDto } from './change-dto';
import type { ChangePatch, CreateChange } from './change-schemas';
import { refuseBadPeriod } from './change-period-rules';
import { loadChangeRecords } from './change-records';
import { configHash, configSnapshot } from './config-versions';
import { refuseMissingStock } from './missing-change-stock';
import { nowMs } from '../clock';

/** What approvals are bound to: the activity, the base, the patch and when it applies. */
export function changeHash(c: { activityId: string; baseVersion: number; patch: ChangePatch; applyAt: Date | null }) {
  return createHash('sha256')
    .update(
      configHash({
        activityId: c.activityId,
        baseVersion: c.baseVersion,
        patch: c.patch,
        applyAt: c.applyAt?.toISOString() ?? null,
      }),
    )
    .digest('hex');
}

/** The patch's diff against the version in force, which must be `baseVersion` when given. */
export async function diffAgainstCurrent(
  tenantId: string,
  activityId: string,
  { patch, baseVersion }: { patch: ChangePatch; baseVersion?: number },
): Promise<{ baseVersion: number; diff: ChangeDiff }> {
  const row = isUuid(activityId)
    ? await db.activity.findFirst({ where: { id: activityId, tenantId }, select: activitySelect })
    : null;
  if (!row) throw new AppError('NOT_FOUND', `activity ${activityId} not found`);
  if (row.status === 'DRAFT' || hasEnded(row.status)) {
    const status = publicStatus(row.status);
    throw new AppError('INVALID_STATE', `the activity is ${status}; changes are for published activities`);
  }
  if (baseVersion !== undefined && baseVersion !== row.configVersion) {
    throw new AppError(
      'CONFLICT',
      `version ${row.configVersion} is in force, not ${baseVersion}; rebase the change on it`,
      {
        baseVersion,
        currentVersion: row.configVersion,
      },
    );
  }
  const base = configSnapshot(row);
  const records = await loadChangeRecords(db, row);
  const next = patchedConfig(base, patch, records);
  const pools = await db.activityStock.findMany({
    where: { activityId },
    select: { prizeId: true, reserved: true, returned: true },
  });
  const diff = diffConfigs(base, next, new Map(pools.map((p) => [p.prizeId, p.reserved - p.returned])), records);
  if (!diff.entries.length) {
    const message = 'the patch changes nothing in the configuration in force';
    throw new AppError('VALIDATION_FAILED', message, { issues: [{ path: 'patch', message }] });
  }
  if (diff.scopes.includes('period')) {
    const startsAt = new Date(next.startsAt);
    const endsAt = new Date(next.endsAt);
    refuseBadPeriod({ status: row.status, oldStart: row.startsAt, startsAt, endsAt, now: nowMs() });
  }
  // Stock the pools cannot give now is said before anything is proposed (restock, then propose).
  await refuseMissingStock(db, tenantId, diff.cost);
  return { baseVersion: row.configVersion, diff };
}

export async function proposeChange(
  tenantId: string,
  actor: Actor,
  { activityId, input }: { activityId: string; input: CreateChange },
): Promise<ChangeDto> {
  const { baseVersion, diff } = await diffAgainstCurrent(tenantId, activityId, input);
  const applyAt = input.applyAt ? new Date(input.applyAt) : null;
  const hash = changeHash({ activityId, baseVersion, patch: input.patch, applyAt });
  const change = await db.$transaction(async (tx) => {
    const created = await tx.change.create({
      data: {
        tenantId,
        activityId,
        baseVersion,
        patch: input.patch as Prisma.InputJsonValue,
        hash,
        diff: diff as unknown as Prisma.InputJsonValue,
        applyAt,
        reason: input.reason ?? null,
        proposerType: actor.type,
        proposerId: actor.id,
        proposerIdentity: await actorIdentity(tenantId, actor),
      },
      select: { id: true },
    });
    const after = { baseVersion, hash, patch: input.patch, applyAt, reason: input.reason ?? null };
    await writeAuditLog(
      tenantId,
      actor,
      { action: 'change.propose', objectType: 'Change', objectId: created.id, after },
      tx,
    );
    return created;
  });
  try {
    return await advanceChange(tenantId, change.id, actor);
  } catch (err) {
    // Applying at once failed (stock below what was issued, a pool short): closed, saying why.
    if (err instanceof AppError && err.code !== 'CONFLICT') {
      await db.change.updateMany({
        where: { id: change.id, status: 'PENDING' },
        data: { status: 'CANCELLED', closedByType: 'SYSTEM', closedById: 'apply', closedReason: err.message },
      });
    }
    throw err;
  }
}

// POST /api/manage/activities/{id}/versions/{version}/restore: proposes the change that takes the
// configuration in force back to that version's, under the same rules as any change. What a
// change cannot move (the period, tiers added or taken away, tasks, materials) must already
// agree, or the restore is refused naming that.
import type { Actor } from '../audit/write-audit-log';
import { db } from '../db';
import { AppError } from '../errors';
import { activitySelect } from './activity-dto';
import { patchBetween } from './change-diff';
import type { ChangeDto } from './change-dto';
import type { RestoreVersion } from './change-schemas';
import { configSnapshot, getConfigVersion } from './config-versions';
import { proposeChange } from './propose-change';

export async function restoreVersion(
  tenantId: string,
  actor: Actor,
  { activityId, versionText, input }: { activityId: string; versionText: string; input: RestoreVersion },
): Promise<ChangeDto> {
  const target = await getConfigVersion(tenantId, activityId, versionText);
  const row = await db.activity.findFirstOrThrow({ where: { id: activityId, tenantId }, select: activitySelect });
  const patch = patchBetween(configSnapshot(row), target.config);
  if (patch === 'other-fields') {
    throw new AppError(
      'CONFLICT',
      `version ${target.version} differs from the configuration in force in more than odds, stock and limits`,
    );
  }
  if (!patch.tiers && !patch.limits) {
    throw new AppError('CONFLICT', `version ${target.version}'s configuration is the one in force`);
  }
  return proposeChange(tenantId, actor, {
    activityId,
    input: {
      patch,
      baseVersion: row.configVersion,
      ...input,
      reason: input.reason ?? `restore version ${target.version}`,
    },
  });
}

// POST /api/manage/activities/{id}/versions/{version}/restore: proposes the change that takes the
// configuration in force back to that version's, under the same rules as any change: tiers and
// tasks added since are taken out, those taken out since are brought back by id, every other
// field set back, so the version it makes has the old one's hash. What no change moves
// (gameplay, time zone, a tier's prizes, a task's kind) must already agree, or it is refused.
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
      `version ${target.version} differs from the configuration in force in what no change moves (gameplay, time zone, a tier's prizes, a task's kind)`,
    );
  }
  if (Object.keys(patch).length === 0) {
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

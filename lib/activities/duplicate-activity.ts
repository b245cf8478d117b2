// A copy of any activity as a new DRAFT: its whole spec (tiers, tasks, limits, materials, odds
// features), none of its state (draws, wins, stock held, versions). The operator then adjusts the
// period and publishes it like any draft.
import type { Actor } from '../audit/write-audit-log';
import { toActivitySpec } from './activity-spec';
import { createActivity } from './create-activity';
import { getActivityOrThrow } from './get-activity';
import type { ActivityDto } from './activity-dto';
import { DraftSpec } from './schemas';

const NAME_MAX = 120;

export async function duplicateActivity(tenantId: string, actor: Actor, activityId: string): Promise<ActivityDto> {
  const source = await getActivityOrThrow(tenantId, activityId);
  const spec = toActivitySpec(source);
  const suffix = ' (copy)';
  const name = [...spec.name].slice(0, NAME_MAX - suffix.length).join('') + suffix;
  return createActivity(tenantId, actor, DraftSpec.parse({ ...spec, name }));
}

import { db } from '../db';
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { activitySelect, toActivityDto, type ActivityDto } from './activity-dto';
import { activityColumns, assertPrizesOwned, taskRows, tierRows } from './activity-rows';
import { DraftSpec } from './schemas';
import { templateDraft, type TemplateId } from './templates';
import { storableTimeZoneOrThrow } from './storable-time-zone';

/** A DRAFT activity from a validated spec (the API's) or draft (the console's); every prize must be the tenant's own. */
export async function createActivity(tenantId: string, actor: Actor, given: DraftSpec): Promise<ActivityDto> {
  const spec = { ...given, timezone: await storableTimeZoneOrThrow(given.timezone) };
  await assertPrizesOwned(tenantId, spec);
  const activity = await db.$transaction(async (tx) => {
    const created = await tx.activity.create({
      data: {
        tenantId,
        ...activityColumns(spec),
        tiers: { create: tierRows(tenantId, spec.tiers) },
        tasks: { create: taskRows(tenantId, spec.tasks) },
      },
      select: activitySelect,
    });
    await writeAuditLog(
      tenantId,
      actor,
      { action: 'activity.create', objectType: 'Activity', objectId: created.id, after: spec },
      tx,
    );
    return created;
  });
  return toActivityDto(activity);
}

/** A DRAFT from a built-in template (lib/activities/templates.ts) in the given zone; its tiers await prizes. */
export async function createActivityFromTemplate(
  tenantId: string,
  actor: Actor,
  options: { templateId: TemplateId; timezone: string; now: number },
): Promise<ActivityDto> {
  const spec = DraftSpec.parse(templateDraft(options.templateId, options.timezone, options.now));
  return createActivity(tenantId, actor, spec);
}

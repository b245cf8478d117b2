// Deleting an activity that was never published: a draft holds no stock, has no draws, wins or
// versions, so nothing outside its own rows (tiers, tasks, its risk rules) refers to it. Anything
// past DRAFT is history and stays; it can be archived instead (archive-activity.ts).
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { db } from '../db';
import { AppError } from '../errors';
import { isUuid } from '../ids';

export async function deleteDraft(tenantId: string, actor: Actor, activityId: string): Promise<void> {
  if (!isUuid(activityId)) throw new AppError('NOT_FOUND', `activity ${activityId} not found`);
  await db.$transaction(async (tx) => {
    // Locked, so a publish cannot run between the check and the delete.
    const [row] = await tx.$queryRaw<{ id: string; name: string; status: string }[]>`
      SELECT id::text AS id, name, status::text AS status FROM "Activity"
      WHERE id = ${activityId}::uuid AND "tenantId" = ${tenantId}::uuid FOR UPDATE`;
    if (!row) throw new AppError('NOT_FOUND', `activity ${activityId} not found`);
    if (row.status !== 'DRAFT')
      throw new AppError('CONFLICT', 'only a draft can be deleted; archive an ended activity instead', {
        status: row.status,
      });
    await tx.activity.delete({ where: { id: row.id } });
    await writeAuditLog(
      tenantId,
      actor,
      { action: 'activity.delete', objectType: 'Activity', objectId: row.id, before: { name: row.name } },
      tx,
    );
  });
}

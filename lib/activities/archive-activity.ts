// Archiving an ended activity hides it from the console's list (a filter shows it again); its
// records are untouched. Only ended or settled activities: a running one would vanish from view
// while still drawing.
import { ENDED_STATUSES } from '../activity-status';
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { db } from '../db';
import { AppError } from '../errors';
import { isUuid } from '../ids';

export async function setArchived(
  tenantId: string,
  actor: Actor,
  { activityId, archived }: { activityId: string; archived: boolean },
): Promise<{ archivedAt: string | null }> {
  if (!isUuid(activityId)) throw new AppError('NOT_FOUND', `activity ${activityId} not found`);
  return db.$transaction(async (tx) => {
    const a = await tx.activity.findFirst({
      where: { id: activityId, tenantId },
      select: { id: true, status: true, archivedAt: true },
    });
    if (!a) throw new AppError('NOT_FOUND', `activity ${activityId} not found`);
    if (!(ENDED_STATUSES as readonly string[]).includes(a.status))
      throw new AppError('CONFLICT', 'only an ended activity can be archived', { status: a.status });
    if (archived === (a.archivedAt !== null)) return { archivedAt: a.archivedAt?.toISOString() ?? null };
    const archivedAt = archived ? new Date() : null;
    await tx.activity.update({ where: { id: a.id }, data: { archivedAt } });
    await writeAuditLog(
      tenantId,
      actor,
      { action: archived ? 'activity.archive' : 'activity.unarchive', objectType: 'Activity', objectId: a.id },
      tx,
    );
    return { archivedAt: archivedAt?.toISOString() ?? null };
  });
}

import { db } from '../db';
import { AppError } from '../errors';
import { isUuid } from '../ids';
import { activitySelect, toActivityDto, type ActivityDto, type ActivityRow } from './activity-dto';

export async function getActivityRowOrThrow(tenantId: string, activityId: string): Promise<ActivityRow> {
  const a = isUuid(activityId)
    ? await db.activity.findFirst({ where: { id: activityId, tenantId }, select: activitySelect })
    : null;
  if (!a) throw new AppError('NOT_FOUND', `activity ${activityId} not found`);
  return a;
}

export async function getActivityOrThrow(tenantId: string, activityId: string): Promise<ActivityDto> {
  return toActivityDto(await getActivityRowOrThrow(tenantId, activityId));
}

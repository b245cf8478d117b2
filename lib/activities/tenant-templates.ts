// A tenant's own activity templates: an operator saves a draft's spec under a name from the
// editor, and "From a template" offers it beside the built-in ones (templates.ts). The period is
// not kept, only its length: a new draft from the template starts the next local midnight. Every
// read and write is scoped to the tenant: another tenant's template is simply not found.
import { z } from 'zod';
import { db } from '../db';
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { AppError } from '../errors';
import { canonicalId } from '../ids';
import type { Prisma } from '@/generated/prisma/client';
import { toActivitySpec } from './activity-spec';
import { createActivity } from './create-activity';
import { getActivityOrThrow } from './get-activity';
import { DraftSpec } from './schemas';
import { templatePeriod } from './templates';

const DAY_MS = 86_400_000;
/** How many templates a tenant keeps (the dialog lists them all). */
export const TENANT_TEMPLATES_MAX = 50;

export const TemplateName = z.string().trim().min(1, 'name the template').max(80);

export type TenantTemplate = { id: string; name: string; days: number; createdAt: string };

export async function listTenantTemplates(tenantId: string): Promise<TenantTemplate[]> {
  const rows = await db.activityTemplate.findMany({
    where: { tenantId },
    select: { id: true, name: true, days: true, createdAt: true },
    orderBy: { name: 'asc' },
    take: TENANT_TEMPLATES_MAX,
  });
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

/** Saves the activity's spec (the tenant's own activity) as a template of the tenant named `name`. */
export async function saveTenantTemplate(
  tenantId: string,
  actor: Actor,
  { activityId, name }: { activityId: string; name: string },
): Promise<TenantTemplate> {
  const templateName = TemplateName.parse(name);
  const { startsAt, endsAt, timezone: _zone, ...spec } = toActivitySpec(await getActivityOrThrow(tenantId, activityId));
  const days = Math.max(1, Math.ceil((Date.parse(endsAt) - Date.parse(startsAt)) / DAY_MS));
  return db.$transaction(async (tx) => {
    if ((await tx.activityTemplate.count({ where: { tenantId } })) >= TENANT_TEMPLATES_MAX)
      throw new AppError('CONFLICT', `a tenant keeps at most ${TENANT_TEMPLATES_MAX} templates`);
    if (await tx.activityTemplate.findFirst({ where: { tenantId, name: templateName }, select: { id: true } }))
      throw new AppError('CONFLICT', `a template named ${templateName} exists already`);
    const row = await tx.activityTemplate.create({
      data: { tenantId, name: templateName, days, spec: spec as Prisma.InputJsonValue },
      select: { id: true, name: true, days: true, createdAt: true },
    });
    await writeAuditLog(
      tenantId,
      actor,
      {
        action: 'template.create',
        objectType: 'ActivityTemplate',
        objectId: row.id,
        after: { name: templateName, days, fromActivityId: activityId },
      },
      tx,
    );
    return { ...row, createdAt: row.createdAt.toISOString() };
  });
}

/** A DRAFT from one of the tenant's templates, in `timezone`, from the next local midnight after `now`. */
export async function createActivityFromTenantTemplate(
  tenantId: string,
  actor: Actor,
  { templateId, timezone, now }: { templateId: string; timezone: string; now: number },
) {
  const id = canonicalId(templateId);
  const template = id ? await db.activityTemplate.findFirst({ where: { id, tenantId } }) : null;
  if (!template) throw new AppError('NOT_FOUND', 'template not found');
  const spec = DraftSpec.parse({ ...(template.spec as object), ...templatePeriod(template.days, timezone, now) });
  return createActivity(tenantId, actor, spec);
}

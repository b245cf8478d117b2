'use server';

// Console server actions for activities: the same lib services as the management API, each
// behind the console guard on the server (OPERATOR to change anything; the pages hide the
// buttons from analysts, but that is not a security boundary). Every change is audited by lib.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { setArchived } from '@/lib/activities/archive-activity';
import { changeActivityStatus } from '@/lib/activities/change-status';
import { createActivity, createActivityFromTemplate } from '@/lib/activities/create-activity';
import { deleteDraft } from '@/lib/activities/delete-draft';
import { duplicateActivity } from '@/lib/activities/duplicate-activity';
import { getActivityRowOrThrow } from '@/lib/activities/get-activity';
import { publishActivity } from '@/lib/activities/publish-activity';
import { publishChecklist, type ChecklistItem } from '@/lib/activities/publish-checklist';
import { DraftSpec, TimeZone } from '@/lib/activities/schemas';
import { simulateActivity, SimulationInput, type Simulation } from '@/lib/activities/simulate-activity';
import { updateDraft, updateDraftFields, type HeldBackField } from '@/lib/activities/update-draft';
import { TemplateId } from '@/lib/activities/templates';
import { createActivityFromTenantTemplate, saveTenantTemplate } from '@/lib/activities/tenant-templates';
import { asNamedRequest, requestIdOf } from '@/lib/http/request-id';
import { withRequestContext } from '@/lib/log';
import { verifyActivity as verifyActivityFairness } from '@/lib/activities/verify-activity-fairness';
import type { FairnessCheck } from '@/components/console/activities/fairness-panel';
import { fromZonedInput } from '@/lib/activities/zoned-time';
import { AppError } from '@/lib/errors';
import type { ActionResult } from '@/lib/http/action-result';
import { idOrNotFound } from '@/lib/ids';
import { INT4_MAX } from '@/lib/validation/storage-limits';
import { consoleAction, requireConsoleAction } from '../../../_server/session';
import { runFormAction, type FormResult } from '@/lib/http/form-result';

const Version = z.number().int().min(0).max(INT4_MAX);
const FieldsSave = z.strictObject({ version: Version, spec: z.unknown(), requestId: z.string().max(64).optional() });
const Transition = z.enum(['pause', 'resume', 'end']);
const SPEC_JSON_MAX_CHARS = 64 * 1024;
const DEFAULT_TIMEZONE = 'Asia/Shanghai';
const DEFAULT_DAYS = 14;

const listPath = (slug: string) => `/t/${slug}/activities`;

/** A new draft with a sensible start (tomorrow, for two weeks) that the operator then edits. */
export async function createDraftAction(tenantSlug: string): Promise<ActionResult<{ id: string }>> {
  return consoleAction(tenantSlug, 'OPERATOR', async (ctx) => {
    const tomorrow = new Date(Date.now() + 24 * 3600_000).toISOString().slice(0, 10);
    const end = new Date(Date.parse(tomorrow) + DEFAULT_DAYS * 24 * 3600_000).toISOString().slice(0, 10);
    const spec = DraftSpec.parse({
      name: 'Untitled activity',
      gameplay: 'wheel',
      startsAt: fromZonedInput(`${tomorrow}T00:00`, DEFAULT_TIMEZONE),
      endsAt: fromZonedInput(`${end}T00:00`, DEFAULT_TIMEZONE),
      timezone: DEFAULT_TIMEZONE,
      limits: { freeDrawsPerDay: 1 },
      tiers: [],
      materials: { title: 'Untitled activity', themeColor: '#e11d48' },
    });
    const activity = await createActivity(ctx.tenantId, ctx.actor, spec);
    revalidatePath(listPath(ctx.tenantSlug));
    return { id: activity.id };
  });
}

/** A new draft from an exported spec (the management API's format); a draft may still lack tiers. */
export async function importSpecAction(tenantSlug: string, json: string): Promise<FormResult<{ id: string }>> {
  return runFormAction(async () => {
    const ctx = await requireConsoleAction(tenantSlug, 'OPERATOR');
    if (json.length > SPEC_JSON_MAX_CHARS) throw new AppError('PAYLOAD_TOO_LARGE', 'a spec is at most 64 KiB');
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      throw new AppError('VALIDATION_FAILED', 'the file is not JSON');
    }
    const activity = await createActivity(ctx.tenantId, ctx.actor, DraftSpec.parse(parsed));
    revalidatePath(listPath(ctx.tenantSlug));
    return { id: activity.id };
  });
}

/** The editor's autosave: the whole draft, validated on the server, against the version the editor holds. */
export async function saveDraftAction(
  tenantSlug: string,
  activityId: string,
  version: number,
  spec: unknown,
): Promise<FormResult<{ version: number; changed: boolean; checklist: ChecklistItem[] }>> {
  return runFormAction(async () => {
    const ctx = await requireConsoleAction(tenantSlug, 'OPERATOR');
    const id = idOrNotFound(activityId, 'activity');
    // Existence first: another tenant's id is not found before anything about the body is said.
    await getActivityRowOrThrow(ctx.tenantId, id);
    const edit = { activityId: id, spec: DraftSpec.parse(spec), expectedVersion: Version.parse(version) };
    const saved = await updateDraft(ctx.tenantId, ctx.actor, edit);
    const checklist = await publishChecklist(ctx.tenantId, await getActivityRowOrThrow(ctx.tenantId, id));
    // No revalidatePath: the list is rendered per request anyway, and revalidating would
    // re-render the editor's page under the operator's fingers after every autosave.
    return { version: saved.version, changed: saved.changed, checklist };
  });
}

/**
 * The editor's per-field autosave: the fields that pass are saved, those that do not keep their
 * saved value and come back in `heldBack`. The browser names the request, so a failure it shows
 * carries the id the server logged it under.
 */
export async function saveDraftFieldsAction(
  tenantSlug: string,
  activityId: string,
  save: { version: number; spec: unknown; requestId?: string },
): Promise<FormResult<{ version: number; changed: boolean; checklist: ChecklistItem[]; heldBack: HeldBackField[] }>> {
  const given: unknown = save;
  const requestId = z.object({ requestId: z.string() }).safeParse(given).data?.requestId;
  return withRequestContext(requestIdOf(requestId), () =>
    runFormAction(async () => {
      const ctx = await requireConsoleAction(tenantSlug, 'OPERATOR');
      const id = idOrNotFound(activityId, 'activity');
      await getActivityRowOrThrow(ctx.tenantId, id);
      const { version, spec } = FieldsSave.parse(given);
      const edit = { activityId: id, spec, expectedVersion: version };
      const saved = await updateDraftFields(ctx.tenantId, ctx.actor, edit);
      const checklist = await publishChecklist(ctx.tenantId, await getActivityRowOrThrow(ctx.tenantId, id));
      return { version: saved.version, changed: saved.changed, checklist, heldBack: saved.heldBack };
    }),
  );
}

/**
 * A new draft from a template, in the zone the operator chose, opened in the editor next: a
 * built-in one by its name, else one of the tenant's own by its id.
 */
export async function createFromTemplateAction(
  tenantSlug: string,
  templateId: string,
  timezone: string,
): Promise<FormResult<{ id: string }>> {
  return runFormAction(async () => {
    const ctx = await requireConsoleAction(tenantSlug, 'OPERATOR');
    const zone = TimeZone.parse(timezone);
    const builtIn = TemplateId.safeParse(templateId);
    const activity = builtIn.success
      ? await createActivityFromTemplate(ctx.tenantId, ctx.actor, {
          templateId: builtIn.data,
          timezone: zone,
          now: Date.now(),
        })
      : await createActivityFromTenantTemplate(ctx.tenantId, ctx.actor, {
          templateId: idOrNotFound(templateId, 'template'),
          timezone: zone,
          now: Date.now(),
        });
    revalidatePath(listPath(ctx.tenantSlug));
    return { id: activity.id };
  });
}

/** The draft's spec, less its period, as a template of the tenant that "From a template" then offers. */
export async function saveAsTemplateAction(
  tenantSlug: string,
  activityId: string,
  name: string,
): Promise<FormResult<{ id: string; name: string }>> {
  return runFormAction(async () => {
    const ctx = await requireConsoleAction(tenantSlug, 'OPERATOR');
    const id = idOrNotFound(activityId, 'activity');
    const saved = await saveTenantTemplate(ctx.tenantId, ctx.actor, { activityId: id, name: z.string().parse(name) });
    revalidatePath(listPath(ctx.tenantSlug));
    return { id: saved.id, name: saved.name };
  });
}

/** Runs the simulator; it writes nothing, so an analyst may run it too. */
export async function simulateAction(
  tenantSlug: string,
  activityId: string,
  input: unknown,
): Promise<FormResult<Simulation>> {
  return runFormAction(async () => {
    const ctx = await requireConsoleAction(tenantSlug, 'ANALYST');
    const id = idOrNotFound(activityId, 'activity');
    await getActivityRowOrThrow(ctx.tenantId, id);
    return simulateActivity(ctx.tenantId, id, SimulationInput.parse(input));
  });
}

export async function publishAction(
  tenantSlug: string,
  activityId: string,
  requestId?: string,
): Promise<ActionResult<{ status: string }>> {
  return asNamedRequest(requestId, () =>
    consoleAction(tenantSlug, 'OPERATOR', async (ctx) => {
      const activity = await publishActivity(ctx.tenantId, ctx.actor, idOrNotFound(activityId, 'activity'));
      revalidatePath(listPath(ctx.tenantSlug));
      revalidatePath(`${listPath(ctx.tenantSlug)}/${activity.id}`);
      return { status: activity.status };
    }),
  );
}

export async function changeStatusAction(
  tenantSlug: string,
  activityId: string,
  transition: 'pause' | 'resume' | 'end',
  requestId?: string,
): Promise<ActionResult<{ status: string }>> {
  return asNamedRequest(requestId, () =>
    consoleAction(tenantSlug, 'OPERATOR', async (ctx) => {
      const id = idOrNotFound(activityId, 'activity');
      const change = { activityId: id, transition: Transition.parse(transition) };
      const activity = await changeActivityStatus(ctx.tenantId, ctx.actor, change);
      revalidatePath(listPath(ctx.tenantSlug));
      revalidatePath(`${listPath(ctx.tenantSlug)}/${activity.id}`);
      return { status: activity.status };
    }),
  );
}

/** A new draft with the activity's whole spec, opened in the editor next. */
export async function duplicateAction(
  tenantSlug: string,
  activityId: string,
  requestId?: string,
): Promise<ActionResult<{ id: string }>> {
  return asNamedRequest(requestId, () =>
    consoleAction(tenantSlug, 'OPERATOR', async (ctx) => {
      const copy = await duplicateActivity(ctx.tenantId, ctx.actor, idOrNotFound(activityId, 'activity'));
      revalidatePath(listPath(ctx.tenantSlug));
      return { id: copy.id };
    }),
  );
}

/** Deletes a draft (never published); anything else is refused with 409. */
export async function deleteDraftAction(
  tenantSlug: string,
  activityId: string,
  requestId?: string,
): Promise<ActionResult<null>> {
  return asNamedRequest(requestId, () =>
    consoleAction(tenantSlug, 'OPERATOR', async (ctx) => {
      await deleteDraft(ctx.tenantId, ctx.actor, idOrNotFound(activityId, 'activity'));
      revalidatePath(listPath(ctx.tenantSlug));
      return null;
    }),
  );
}

/** Archives (or brings back) an ended activity. */
export async function archiveAction(
  tenantSlug: string,
  activityId: string,
  archived: boolean,
  requestId?: string,
): Promise<ActionResult<{ archivedAt: string | null }>> {
  return asNamedRequest(requestId, () =>
    consoleAction(tenantSlug, 'OPERATOR', async (ctx) => {
      const change = { activityId: idOrNotFound(activityId, 'activity'), archived: z.boolean().parse(archived) };
      const result = await setArchived(ctx.tenantId, ctx.actor, change);
      revalidatePath(listPath(ctx.tenantSlug));
      return result;
    }),
  );
}

/** "Verify all draws": every draw recomputed from the records and the revealed seeds (docs/fairness.md). */
export async function verifyFairnessAction(tenantSlug: string, activityId: string): Promise<FormResult<FairnessCheck>> {
  return runFormAction(async () => {
    const ctx = await requireConsoleAction(tenantSlug, 'ANALYST');
    const id = idOrNotFound(activityId, 'activity');
    await getActivityRowOrThrow(ctx.tenantId, id);
    const report = await verifyActivityFairness(id);
    return { ...report, mismatches: report.mismatches.slice(0, 100) };
  });
}

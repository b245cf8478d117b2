// The console's autosave: a DRAFT's whole spec replaced at once (tiers and tasks too; a draft
// has no draws that could point at them). Optimistic: the caller names the version it edited,
// so two editors never overwrite each other silently. A save that changes nothing writes
// nothing, not even an audit row; every other save is audited with before and after.
import { db } from '../db';
import { AppError } from '../errors';
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { getActivityOrThrow, getActivityRowOrThrow } from './get-activity';
import { toActivityDto, type ActivityDto } from './activity-dto';
import { activityColumns, assertPrizesOwned, taskRows, tierRows } from './activity-rows';
import { toActivitySpec } from './activity-spec';
import { DraftSpec } from './schemas';
import { keepValidFields } from './keep-valid-fields';
import { storableTimeZoneOrThrow } from './storable-time-zone';

export type DraftEdit = {
  activityId: string;
  spec: DraftSpec;
  /** The version the editor holds: a draft changed since then is a CONFLICT. */
  expectedVersion: number;
};

export async function updateDraft(
  tenantId: string,
  actor: Actor,
  edit: DraftEdit,
): Promise<{ activity: ActivityDto; version: number; changed: boolean }> {
  const { activityId, spec: given, expectedVersion } = edit;
  const spec = { ...given, timezone: await storableTimeZoneOrThrow(given.timezone) };
  const row = await getActivityRowOrThrow(tenantId, activityId);
  if (row.status !== 'DRAFT')
    throw new AppError('INVALID_STATE', `the activity is ${row.status}; only a draft can be edited`);
  const before = toActivitySpec(toActivityDto(row));
  // The same spec again is no conflict: a save retried after its answer was lost finds its own edit.
  if (sameSpec(before, spec)) return { activity: toActivityDto(row), version: row.version, changed: false };
  if (row.version !== expectedVersion)
    throw new AppError('CONFLICT', 'someone else changed this draft; reload to see their changes');
  await assertPrizesOwned(tenantId, spec);
  await db.$transaction(async (tx) => {
    const r = await tx.activity.updateMany({
      where: { id: activityId, tenantId, status: 'DRAFT', version: expectedVersion },
      data: { ...activityColumns(spec), version: { increment: 1 } },
    });
    if (r.count !== 1) throw new AppError('CONFLICT', 'someone else changed this draft; reload to see their changes');
    await tx.tier.deleteMany({ where: { activityId, tenantId } });
    await tx.task.deleteMany({ where: { activityId, tenantId } });
    for (const data of tierRows(tenantId, spec.tiers)) await tx.tier.create({ data: { ...data, activityId } });
    await tx.task.createMany({ data: taskRows(tenantId, spec.tasks).map((t) => ({ ...t, activityId })) });
    await writeAuditLog(
      tenantId,
      actor,
      { action: 'activity.update', objectType: 'Activity', objectId: activityId, before, after: spec },
      tx,
    );
  });
  return { activity: await getActivityOrThrow(tenantId, activityId), version: expectedVersion + 1, changed: true };
}

export type DraftFieldsEdit = Omit<DraftEdit, 'spec'> & { spec: unknown };
export type HeldBackField = { path: string; message: string };

/**
 * The editor's per-field autosave: the fields of `spec` that pass DraftSpec are saved, those that
 * do not keep their saved value and come back as `heldBack` with the reason. Nothing valid to
 * keep (or a problem with the draft as a whole) is a VALIDATION_FAILED naming every field.
 */
export async function updateDraftFields(
  tenantId: string,
  actor: Actor,
  edit: DraftFieldsEdit,
): Promise<{ activity: ActivityDto; version: number; changed: boolean; heldBack: HeldBackField[] }> {
  const parsed = DraftSpec.safeParse(edit.spec);
  if (parsed.success) return { ...(await updateDraft(tenantId, actor, { ...edit, spec: parsed.data })), heldBack: [] };
  const row = await getActivityRowOrThrow(tenantId, edit.activityId);
  const kept = keepValidFields(toActivitySpec(toActivityDto(row)), edit.spec, parsed.error.issues);
  if (!kept) throw parsed.error;
  const saved = await updateDraft(tenantId, actor, { ...edit, spec: kept });
  const heldBack = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  return { ...saved, heldBack };
}

/**
 * Equal as specs: instants compared as instants whatever offset they were written with, a
 * bundle's prizes in any order (they are stored without one), keys in any order, absent and
 * empty fields alike.
 */
function sameSpec(a: DraftSpec, b: DraftSpec): boolean {
  const norm = (s: DraftSpec) =>
    JSON.stringify(
      canonical({
        ...s,
        startsAt: Date.parse(s.startsAt),
        endsAt: Date.parse(s.endsAt),
        pauseOnDrift: s.pauseOnDrift || undefined,
        tiers: s.tiers.map((t) => ({ ...t, prizes: [...t.prizes].sort((x, y) => x.prizeId.localeCompare(y.prizeId)) })),
      }),
    );
  return norm(a) === norm(b);
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined && v !== '')
      .sort(([x], [y]) => x.localeCompare(y))
      .map(([k, v]) => [k, canonical(v)]),
  );
}

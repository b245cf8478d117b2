// Risk rules and blacklists as the console edits them. PostgreSQL is the
// record, every change is audited, and the Redis state the draw reads follows at once.
import { db } from '../db';
import { AppError } from '../errors';
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { isUuid } from '../ids';
import { requestRedis } from '../redis';
import { riskKeys } from './keys';
import { forgetRiskRules } from './check-risk';
import { writeRiskRules } from './risk-state';
import { ruleParams, RiskListEntriesSpec, type PatchRiskRule, type RiskListChange, type RiskRuleSpec } from './schemas';

type ListKind = 'user' | 'device' | 'ip';
const toListKind = (k: ListKind) => k.toUpperCase() as 'USER' | 'DEVICE' | 'IP';

const ruleSelect = {
  id: true,
  kind: true,
  action: true,
  params: true,
  enabled: true,
  activityId: true,
  createdAt: true,
  activity: { select: { name: true } },
} as const;
type RuleRow = NonNullable<Awaited<ReturnType<typeof findRuleRow>>>;

export type RiskRuleDto = {
  id: string;
  kind: string;
  action: string;
  params: Record<string, number>;
  enabled: boolean;
  activityId: string | null;
  activityName: string | null;
  createdAt: string;
};

function toRiskRuleDto(r: RuleRow): RiskRuleDto {
  return {
    id: r.id,
    kind: r.kind.toLowerCase(),
    action: r.action.toLowerCase(),
    params: r.params as Record<string, number>,
    enabled: r.enabled,
    activityId: r.activityId,
    activityName: r.activity?.name ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

function findRuleRow(tenantId: string, ruleId: string) {
  return db.riskRule.findFirst({ where: { id: ruleId, tenantId }, select: ruleSelect });
}

export async function listRiskRules(tenantId: string): Promise<RiskRuleDto[]> {
  const rules = await db.riskRule.findMany({ where: { tenantId }, orderBy: { createdAt: 'asc' }, select: ruleSelect });
  return rules.map(toRiskRuleDto);
}

/** One rule as the API shows it; another tenant's is not found. */
export async function getRiskRuleOrThrow(tenantId: string, ruleId: string): Promise<RiskRuleDto> {
  const rule = isUuid(ruleId) ? await findRuleRow(tenantId, ruleId) : null;
  if (!rule) throw new AppError('NOT_FOUND', `risk rule ${ruleId} not found`);
  return toRiskRuleDto(rule);
}

/** Switches a rule on or off and/or changes its action, audited; the draw's state follows at once. */
export async function updateRiskRule(tenantId: string, actor: Actor, ruleId: string, patch: PatchRiskRule) {
  const rule = await findRuleOrThrow(tenantId, ruleId);
  const data = {
    ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
    ...(patch.action ? { action: patch.action.toUpperCase() as 'BLOCK' } : {}),
  };
  await db.$transaction(async (tx) => {
    await tx.riskRule.update({ where: { id: ruleId }, data });
    await writeAuditLog(
      tenantId,
      actor,
      {
        action: 'risk.rule.update',
        objectType: 'RiskRule',
        objectId: ruleId,
        before: { enabled: rule.enabled, action: rule.action.toLowerCase() },
        after: { enabled: data.enabled ?? rule.enabled, action: (data.action ?? rule.action).toLowerCase() },
      },
      tx,
    );
  });
  await writeRiskRules(await requestRedis(), tenantId);
  forgetRiskRules(tenantId);
  return getRiskRuleOrThrow(tenantId, ruleId);
}

export async function createRiskRule(tenantId: string, actor: Actor, spec: RiskRuleSpec) {
  if (
    spec.activityId &&
    !(await db.activity.findFirst({ where: { id: spec.activityId, tenantId }, select: { id: true } }))
  ) {
    throw new AppError('NOT_FOUND', `activity ${spec.activityId} not found`);
  }
  const rule = await db.$transaction(async (tx) => {
    const created = await tx.riskRule.create({
      data: {
        tenantId,
        activityId: spec.activityId ?? null,
        enabled: spec.enabled,
        kind: spec.kind.toUpperCase() as 'BLACKLIST',
        action: spec.action.toUpperCase() as 'BLOCK',
        params: ruleParams(spec),
      },
    });
    await writeAuditLog(
      tenantId,
      actor,
      { action: 'risk.rule.create', objectType: 'RiskRule', objectId: created.id, after: spec },
      tx,
    );
    return created;
  });
  await writeRiskRules(await requestRedis(), tenantId);
  forgetRiskRules(tenantId);
  return rule;
}

export async function setRiskRuleEnabled(tenantId: string, actor: Actor, ruleId: string, enabled: boolean) {
  const rule = await findRuleOrThrow(tenantId, ruleId);
  await db.$transaction(async (tx) => {
    await tx.riskRule.update({ where: { id: ruleId }, data: { enabled } });
    await writeAuditLog(
      tenantId,
      actor,
      {
        action: 'risk.rule.update',
        objectType: 'RiskRule',
        objectId: ruleId,
        before: { enabled: rule.enabled },
        after: { enabled },
      },
      tx,
    );
  });
  await writeRiskRules(await requestRedis(), tenantId);
  forgetRiskRules(tenantId);
}

export async function deleteRiskRule(tenantId: string, actor: Actor, ruleId: string) {
  const rule = await findRuleOrThrow(tenantId, ruleId);
  await db.$transaction(async (tx) => {
    await tx.riskRule.delete({ where: { id: ruleId } });
    await writeAuditLog(
      tenantId,
      actor,
      {
        action: 'risk.rule.delete',
        objectType: 'RiskRule',
        objectId: ruleId,
        before: { kind: rule.kind, action: rule.action, params: rule.params, activityId: rule.activityId },
      },
      tx,
    );
  });
  await writeRiskRules(await requestRedis(), tenantId);
  forgetRiskRules(tenantId);
}

async function findRuleOrThrow(tenantId: string, ruleId: string) {
  const rule = isUuid(ruleId) ? await db.riskRule.findFirst({ where: { id: ruleId, tenantId } }) : null;
  if (!rule) throw new AppError('NOT_FOUND', `risk rule ${ruleId} not found`);
  return rule;
}

/** Adds blacklist entries (existing ones are kept as they are); returns how many were new. */
export async function addRiskListEntries(
  tenantId: string,
  actor: Actor,
  spec: RiskListEntriesSpec,
): Promise<{ added: number }> {
  const values = [...new Set(spec.values)];
  const added = await db.$transaction(async (tx) => {
    const { count } = await tx.riskListEntry.createMany({
      data: values.map((value) => ({ tenantId, kind: toListKind(spec.kind), value, reason: spec.reason ?? null })),
      skipDuplicates: true,
    });
    await writeAuditLog(
      tenantId,
      actor,
      {
        action: 'risk.list.add',
        objectType: 'RiskList',
        objectId: spec.kind,
        after: { values: values.slice(0, 100), total: values.length, added: count, reason: spec.reason },
      },
      tx,
    );
    return count;
  });
  // Over existing state only; a rebuild reads the records anyway.
  const redis = await requestRedis();
  const k = riskKeys(tenantId);
  if (await redis.exists(k.rules)) {
    for (let i = 0; i < values.length; i += 1_000) await redis.sadd(k.list(spec.kind), ...values.slice(i, i + 1_000));
  }
  return { added };
}

export async function removeRiskListEntry(tenantId: string, actor: Actor, entryId: string) {
  const entry = isUuid(entryId) ? await db.riskListEntry.findFirst({ where: { id: entryId, tenantId } }) : null;
  if (!entry) throw new AppError('NOT_FOUND', `blacklist entry ${entryId} not found`);
  await db.$transaction(async (tx) => {
    await tx.riskListEntry.delete({ where: { id: entryId } });
    await writeAuditLog(
      tenantId,
      actor,
      {
        action: 'risk.list.remove',
        objectType: 'RiskList',
        objectId: entry.kind.toLowerCase(),
        before: { value: entry.value, reason: entry.reason },
      },
      tx,
    );
  });
  await (await requestRedis()).srem(riskKeys(tenantId).list(entry.kind.toLowerCase() as ListKind), entry.value);
}

export type CsvImport = { byKind: Record<ListKind, string[]>; errors: { line: number; message: string }[] };

/**
 * A blacklist CSV: one entry a line, `kind,value` with kind user, device or ip (further
 * columns are ignored); a header line and blank lines are skipped. Every bad line is named; nothing is imported if
 * any line is bad (see importRiskList).
 */
export function parseRiskListCsv(text: string): CsvImport {
  const byKind: Record<ListKind, string[]> = { user: [], device: [], ip: [] };
  const errors: CsvImport['errors'] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || (i === 0 && /^kind\s*,/i.test(line))) return;
    const [kind, value] = line.split(',').map((f) => f.trim().replace(/^"(.*)"$/, '$1'));
    const k = kind?.toLowerCase();
    if (k !== 'user' && k !== 'device' && k !== 'ip')
      return void errors.push({ line: i + 1, message: `kind must be user, device or ip, not "${kind ?? ''}"` });
    const parsed = RiskListEntriesSpec.shape.values.element.safeParse(value ?? '');
    if (!parsed.success) return void errors.push({ line: i + 1, message: `value: ${parsed.error.issues[0]!.message}` });
    byKind[k].push(parsed.data);
  });
  return { byKind, errors };
}

/** A parsed CSV (parseRiskListCsv), for a caller that has shown its errors already. */
export async function importRiskList(
  tenantId: string,
  actor: Actor,
  { byKind, errors }: CsvImport,
): Promise<{ added: number; lines: number }> {
  if (errors.length)
    throw new AppError('VALIDATION_FAILED', `${errors.length} line(s) of the CSV are wrong; nothing was imported`, {
      issues: errors.slice(0, 50).map((e) => ({ path: `line ${e.line}`, message: e.message })),
    });
  const lines = byKind.user.length + byKind.device.length + byKind.ip.length;
  if (lines === 0) throw new AppError('VALIDATION_FAILED', 'the CSV holds no entries');
  if (lines > 100_000) throw new AppError('VALIDATION_FAILED', 'at most 100,000 entries per import');
  let added = 0;
  for (const kind of ['user', 'device', 'ip'] as const) {
    for (let i = 0; i < byKind[kind].length; i += 10_000) {
      const values = byKind[kind].slice(i, i + 10_000);
      if (values.length)
        added += (await addRiskListEntries(tenantId, actor, { kind, values, reason: 'CSV import' })).added;
    }
  }
  return { added, lines };
}

/**
 * POST /api/manage/risk/lists: adds values to a blacklist (existing ones kept) or takes them off
 * (values not on it are no error); how many rows changed.
 */
export async function changeRiskList(tenantId: string, actor: Actor, change: RiskListChange) {
  const { action, ...entries } = change;
  if (action === 'add') return { action, changed: (await addRiskListEntries(tenantId, actor, entries)).added };
  const values = [...new Set(entries.values)];
  const kind = toListKind(entries.kind);
  const removed = await db.$transaction(async (tx) => {
    const { count } = await tx.riskListEntry.deleteMany({ where: { tenantId, kind, value: { in: values } } });
    await writeAuditLog(
      tenantId,
      actor,
      {
        action: 'risk.list.remove',
        objectType: 'RiskList',
        objectId: entries.kind,
        before: { values: values.slice(0, 100), total: values.length, removed: count, reason: entries.reason },
      },
      tx,
    );
    return count;
  });
  const redis = await requestRedis();
  const key = riskKeys(tenantId).list(entries.kind);
  for (let i = 0; i < values.length; i += 1_000) await redis.srem(key, ...values.slice(i, i + 1_000));
  return { action, changed: removed };
}

// Config versions: every applied configuration of a published activity as an immutable snapshot
// (its spec, as the management API writes it, with the tier and task ids), numbered by the activity's
// configVersion and named by a hash of its content. Publish records version 1; every change that
// moves configVersion records the next in the same transaction, so a version exists exactly when
// the configuration it names was in force. Draws carry the configVersion they were decided under.
import { createHash } from 'node:crypto';
import type { Prisma } from '@/generated/prisma/client';
import { activitySelect, toActivityDto, type ActivityRow } from './activity-dto';
import { toActivitySpec } from './activity-spec';
import type { Actor } from '../audit/write-audit-log';
import { db } from '../db';
import { AppError } from '../errors';
import { isUuid } from '../ids';

type Tx = Prisma.TransactionClient;

/** The activity's configuration as a plain JSON value: its spec, each tier and task with its id. */
export function configSnapshot(row: ActivityRow) {
  const spec = toActivitySpec(toActivityDto(row));
  return {
    ...spec,
    tiers: spec.tiers.map((t, i) => ({ id: row.tiers[i]!.id, ...t })),
    tasks: spec.tasks.map((t, i) => ({ id: row.tasks[i]!.id, ...t })),
  };
}
export type ConfigSnapshot = ReturnType<typeof configSnapshot>;

/** JSON with object keys sorted at every depth: one text per value, whatever order it was built in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 (hex) of the snapshot's canonical JSON. */
export function configHash(config: unknown): string {
  return createHash('sha256').update(canonicalJson(config)).digest('hex');
}

/**
 * Records the configuration the activity has now, inside the transaction that made it, as the
 * version its configVersion names. A second record of one version is refused by the unique key,
 * which rolls the change back: a version is never written twice.
 */
export async function recordConfigVersion(
  tx: Tx,
  { tenantId, activityId, actor, summary }: { tenantId: string; activityId: string; actor: Actor; summary: string },
): Promise<{ version: number; hash: string }> {
  const row = await tx.activity.findFirstOrThrow({ where: { id: activityId, tenantId }, select: activitySelect });
  const config = configSnapshot(row);
  const hash = configHash(config);
  await tx.configVersion.create({
    data: {
      tenantId,
      activityId,
      version: row.configVersion,
      hash,
      config,
      summary,
      actorType: actor.type,
      actorId: actor.id,
    },
  });
  return { version: row.configVersion, hash };
}

const listSelect = {
  version: true,
  hash: true,
  summary: true,
  actorType: true,
  actorId: true,
  createdAt: true,
  appliedAt: true,
} as const;
type ListedRow = Prisma.ConfigVersionGetPayload<{ select: typeof listSelect }>;

function toVersionDto(v: ListedRow) {
  return {
    version: v.version,
    hash: v.hash,
    createdAt: v.createdAt.toISOString(),
    createdBy: { type: v.actorType, id: v.actorId },
    appliedAt: v.appliedAt.toISOString(),
    summary: v.summary,
  };
}

async function activityOrNotFound(tenantId: string, activityId: string) {
  const found = isUuid(activityId)
    ? await db.activity.findFirst({ where: { id: activityId, tenantId }, select: { id: true } })
    : null;
  if (!found) throw new AppError('NOT_FOUND', `activity ${activityId} not found`);
}

/** GET /api/manage/activities/{id}/versions: every version, oldest first. */
export async function listConfigVersions(tenantId: string, activityId: string) {
  await activityOrNotFound(tenantId, activityId);
  const rows = await db.configVersion.findMany({
    where: { tenantId, activityId },
    select: listSelect,
    orderBy: { version: 'asc' },
  });
  return rows.map(toVersionDto);
}

/** One version with its whole configuration; `versionText` as the path spells it (1, 2, …). */
export async function getConfigVersion(tenantId: string, activityId: string, versionText: string) {
  if (!/^[1-9]\d{0,8}$/.test(versionText)) throw new AppError('NOT_FOUND', `version ${versionText} not found`);
  const version = Number(versionText);
  await activityOrNotFound(tenantId, activityId);
  const row = await db.configVersion.findUnique({
    where: { activityId_version: { activityId, version } },
    select: { ...listSelect, tenantId: true, config: true },
  });
  if (!row || row.tenantId !== tenantId) throw new AppError('NOT_FOUND', `version ${version} not found`);
  return { ...toVersionDto(row), config: row.config as ConfigSnapshot };
}

/**
 * Activities published before versions were recorded: the configuration in force now, recorded
 * as the version they are at. Idempotent; `npm run migrate` runs it after the SQL migrations.
 */
export async function backfillConfigVersions(): Promise<number> {
  const missing = await db.$queryRaw<{ id: string; tenantId: string }[]>`
    SELECT a.id, a."tenantId" FROM "Activity" a
    WHERE a.status <> 'DRAFT' AND NOT EXISTS (
      SELECT 1 FROM "ConfigVersion" v WHERE v."activityId" = a.id AND v.version = a."configVersion")`;
  let recorded = 0;
  for (const a of missing) {
    await db.$transaction(async (tx) => {
      // Under the activity's row lock, so a change made meanwhile records its own version, not this.
      await tx.$executeRaw`SELECT 1 FROM "Activity" WHERE id = ${a.id}::uuid FOR UPDATE`;
      const row = await tx.activity.findUniqueOrThrow({ where: { id: a.id }, select: { configVersion: true } });
      const exists = await tx.configVersion.findUnique({
        where: { activityId_version: { activityId: a.id, version: row.configVersion } },
        select: { id: true },
      });
      if (exists) return;
      const summary = 'the configuration in force when versions began to be recorded';
      await recordConfigVersion(tx, { tenantId: a.tenantId, activityId: a.id, actor: SYSTEM, summary });
      recorded++;
    });
  }
  return recorded;
}
const SYSTEM: Actor = { type: 'SYSTEM', id: 'migration' };

// A change's patch against the configuration it is based on: the configuration it makes
// (checked by the same rules as a whole spec), what moves field by field (odds as percentages,
// stock as units), which policy scopes it touches, and what it costs the prize pools: each
// prize's need is Σ tier stock × quantity, as at publish; a need beyond what the pool holds is
// reserved from the prize's total pool when the change applies, a need below it leaves units the
// pool could give back (POST /api/manage/activities/{id}/stock releases them).
import { AppError } from '../errors';
import { PROBABILITY_SCALE } from '../draw/probability-scale';
import type { ConfigSnapshot } from './config-versions';
import type { ChangePatch, ChangeScope } from './change-schemas';
import { ActivitySpec, toMicros } from './schemas';

type Limits = ConfigSnapshot['limits'];
const LIMIT_FIELDS = ['freeDrawsPerDay', 'maxDrawsPerDay', 'maxDrawsTotal', 'maxWinsPerUser'] as const;

export type DiffEntry =
  | { kind: 'odds'; path: string; tierId: string; tier: string; beforePercent: number; afterPercent: number }
  | { kind: 'stock'; path: string; tierId: string; tier: string; before: number; after: number; deltaUnits: number }
  | { kind: 'limits'; path: string; before: number | null; after: number | null };

export type PoolCost = { prizeId: string; needBefore: number; needAfter: number; reserve: number; release: number };

export type ChangeDiff = { entries: DiffEntry[]; scopes: ChangeScope[]; cost: PoolCost[] };

/** Units of each prize a set of tiers needs. */
export function prizeNeed(tiers: ConfigSnapshot['tiers']): Map<string, number> {
  const need = new Map<string, number>();
  for (const t of tiers)
    for (const p of t.prizes) need.set(p.prizeId, (need.get(p.prizeId) ?? 0) + t.stock * p.quantity);
  return need;
}

/** The configuration the patch makes from `base`; a tier id the base does not have is refused. */
export function patchedConfig(base: ConfigSnapshot, patch: ChangePatch): ConfigSnapshot {
  const byId = new Map((patch.tiers ?? []).map((t) => [t.id, t]));
  (patch.tiers ?? []).forEach((t, i) => {
    if (!base.tiers.some((b) => b.id === t.id)) {
      const message = `the activity has no tier ${t.id}`;
      throw new AppError('VALIDATION_FAILED', message, { issues: [{ path: `patch.tiers.${i}.id`, message }] });
    }
  });
  const tiers = base.tiers.map((t) => {
    const p = byId.get(t.id);
    if (!p) return t;
    return {
      ...t,
      ...(p.probability !== undefined ? { probability: toMicros(p.probability) / PROBABILITY_SCALE } : {}),
      ...(p.stock !== undefined ? { stock: p.stock } : {}),
    };
  });
  const limits: Limits = { ...base.limits };
  for (const field of LIMIT_FIELDS) {
    const value = patch.limits?.[field];
    if (value === undefined) continue;
    if (value === null) delete (limits as Record<string, number | undefined>)[field];
    else (limits as Record<string, number | undefined>)[field] = value;
  }
  const next = { ...base, tiers, limits };
  // The rules a whole spec keeps (odds within 1 at every hour, limits that agree, fixed winners covered).
  const checked = ActivitySpec.safeParse({ ...next, tiers: tiers.map(({ id: _id, ...t }) => t) });
  if (!checked.success) {
    const issues = checked.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new AppError('VALIDATION_FAILED', `the change would make an invalid configuration: ${issues[0]!.message}`, {
      issues,
    });
  }
  return next;
}

const percent = (p: number) => Math.round(p * PROBABILITY_SCALE) / (PROBABILITY_SCALE / 100);

/**
 * What moves from `base` to `next`, field by field; `held` is each prize pool's units held for
 * the activity (reserved − returned).
 */
export function diffConfigs(base: ConfigSnapshot, next: ConfigSnapshot, held: Map<string, number>): ChangeDiff {
  const entries: DiffEntry[] = [];
  const scopes = new Set<ChangeScope>();
  base.tiers.forEach((b, i) => {
    const n = next.tiers[i]!;
    if (toMicros(b.probability) !== toMicros(n.probability)) {
      scopes.add('odds');
      entries.push({
        kind: 'odds',
        path: `tiers.${b.id}.probability`,
        tierId: b.id,
        tier: b.name,
        beforePercent: percent(b.probability),
        afterPercent: percent(n.probability),
      });
    }
    if (b.stock !== n.stock) {
      scopes.add('stock');
      const deltaUnits = n.stock - b.stock;
      entries.push({
        kind: 'stock',
        path: `tiers.${b.id}.stock`,
        tierId: b.id,
        tier: b.name,
        ...pair(b.stock, n.stock),
        deltaUnits,
      });
    }
  });
  for (const field of LIMIT_FIELDS) {
    const before = base.limits[field] ?? null;
    const after = next.limits[field] ?? null;
    if (before === after) continue;
    scopes.add('limits');
    entries.push({ kind: 'limits', path: `limits.${field}`, before, after });
  }
  const needBefore = prizeNeed(base.tiers);
  const needAfter = prizeNeed(next.tiers);
  const cost: PoolCost[] = [...needAfter.keys()].sort().flatMap((prizeId) => {
    const before = needBefore.get(prizeId) ?? 0;
    const after = needAfter.get(prizeId)!;
    if (before === after) return [];
    const pool = held.get(prizeId) ?? 0;
    const reserve = Math.max(0, after - pool);
    const release = after < before ? Math.max(0, Math.min(before - after, pool - after)) : 0;
    return [{ prizeId, needBefore: before, needAfter: after, reserve, release }];
  });
  return { entries, scopes: [...scopes], cost };
}

const pair = (before: number, after: number) => ({ before, after });

/** One line for the version list: "Gold: odds 10 % → 20 %; limits.maxDrawsPerDay 10 → 5". */
export function summarizeDiff(entries: DiffEntry[]): string {
  if (!entries.length) return 'unchanged';
  return entries
    .map((e) =>
      e.kind === 'odds'
        ? `${e.tier}: odds ${e.beforePercent} % → ${e.afterPercent} %`
        : e.kind === 'stock'
          ? `${e.tier}: stock ${e.before} → ${e.after}`
          : `${e.path} ${e.before ?? 'none'} → ${e.after ?? 'none'}`,
    )
    .join('; ');
}

/** The patch that takes `from` to `to`, for what a change can move; null when they differ elsewhere too. */
export function patchBetween(from: ConfigSnapshot, to: ConfigSnapshot): ChangePatch | 'other-fields' {
  const strip = (c: ConfigSnapshot) => ({
    ...c,
    limits: {},
    tiers: c.tiers.map((t) => ({ ...t, probability: 0, stock: 0 })),
  });
  if (JSON.stringify(sortKeys(strip(from))) !== JSON.stringify(sortKeys(strip(to)))) return 'other-fields';
  const tiers = to.tiers.flatMap((t, i) => {
    const f = from.tiers[i]!;
    const p: { id: string; probability?: number; stock?: number } = { id: t.id };
    if (toMicros(f.probability) !== toMicros(t.probability)) p.probability = t.probability;
    if (f.stock !== t.stock) p.stock = t.stock;
    return p.probability !== undefined || p.stock !== undefined ? [p] : [];
  });
  const limits: Record<string, number | null> = {};
  for (const field of LIMIT_FIELDS) {
    if ((from.limits[field] ?? null) !== (to.limits[field] ?? null)) limits[field] = to.limits[field] ?? null;
  }
  return {
    ...(tiers.length ? { tiers } : {}),
    ...(Object.keys(limits).length ? { limits } : {}),
  } as ChangePatch;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}

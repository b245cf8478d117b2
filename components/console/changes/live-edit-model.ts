// The Edit live form's state and the patch it makes: only what the operator changed, in the
// shape of a change's patch (docs/changes.md). Text inputs stay text until the patch is built, so
// a half-typed number is never lost; a value that does not parse goes into the patch as it is,
// and the server names the field.
import { fromZonedInput, toZonedInput } from '@/lib/activities/zoned-time';

export type LiveActivity = {
  id: string;
  name: string;
  timezone: string;
  startsAt: string;
  endsAt: string;
  claimWindowHours?: number;
  materials: { title?: string; themeColor?: string; bannerUrl?: string; rulesText?: string };
  limits: { freeDrawsPerDay?: number; maxDrawsPerDay?: number; maxDrawsTotal?: number; maxWinsPerUser?: number };
  tiers: { id: string; name: string; probability: number; stock: number; issued: number; pacing: string }[];
  tasks: { id: string; kind: string; name: string; chances: number; perDay?: number; total?: number }[];
};

export const LIMIT_FIELDS = ['freeDrawsPerDay', 'maxDrawsPerDay', 'maxDrawsTotal', 'maxWinsPerUser'] as const;
export const MATERIAL_FIELDS = ['title', 'themeColor', 'bannerUrl', 'rulesText'] as const;

export type TierRow = {
  id?: string;
  name: string;
  percent: string;
  stock: string;
  pacing: string;
  remove: boolean;
  prizeId: string;
  quantity: string;
};
export type TaskRow = {
  id?: string;
  kind: string;
  name: string;
  chances: string;
  perDay: string;
  total: string;
  eventType: string;
  remove: boolean;
};

export type LiveEditModel = {
  name: string;
  materials: Record<(typeof MATERIAL_FIELDS)[number], string>;
  startsAt: string;
  endsAt: string;
  claimWindowHours: string;
  limits: Record<(typeof LIMIT_FIELDS)[number], string>;
  tiers: TierRow[];
  tasks: TaskRow[];
};

const text = (n: number | undefined) => (n === undefined ? '' : String(n));
/** Odds as the form shows them: percent, at most four decimals (a probability in millionths). */
export const percentText = (p: number) => String(Math.round(p * 1_000_000) / 10_000);

export function modelOf(a: LiveActivity): LiveEditModel {
  return {
    name: a.name,
    materials: {
      title: a.materials.title ?? '',
      themeColor: a.materials.themeColor ?? '',
      bannerUrl: a.materials.bannerUrl ?? '',
      rulesText: a.materials.rulesText ?? '',
    },
    startsAt: toZonedInput(a.startsAt, a.timezone),
    endsAt: toZonedInput(a.endsAt, a.timezone),
    claimWindowHours: text(a.claimWindowHours),
    limits: {
      freeDrawsPerDay: text(a.limits.freeDrawsPerDay),
      maxDrawsPerDay: text(a.limits.maxDrawsPerDay),
      maxDrawsTotal: text(a.limits.maxDrawsTotal),
      maxWinsPerUser: text(a.limits.maxWinsPerUser),
    },
    tiers: a.tiers.map((t) => ({
      id: t.id,
      name: t.name,
      percent: percentText(t.probability),
      stock: String(t.stock),
      pacing: t.pacing,
      remove: false,
      prizeId: '',
      quantity: '1',
    })),
    tasks: a.tasks.map((t) => ({
      id: t.id,
      kind: t.kind,
      name: t.name,
      chances: String(t.chances),
      perDay: text(t.perDay),
      total: text(t.total),
      eventType: '',
      remove: false,
    })),
  };
}

/** A number typed in a field: empty → null, a number → it, anything else left as typed for the server to refuse. */
function num(value: string): number | null | string {
  const v = value.trim();
  if (v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : v;
}

const probabilityOf = (percent: string) => {
  const n = num(percent);
  return typeof n === 'number' ? Math.round(n * 10_000) / 1_000_000 : n;
};

/** Overlays a stored change's patch on the model, to edit that change. */
export function applyPatchToModel(model: LiveEditModel, patch: unknown): LiveEditModel {
  const p = (patch ?? {}) as {
    name?: string;
    limits?: Record<string, number | null>;
    tiers?: { id?: string; probability?: number; stock?: number; name?: string; pacing?: string }[];
    materials?: Record<string, string | null>;
    claimWindowHours?: number | null;
  };
  const next = structuredClone(model);
  if (p.name !== undefined) next.name = p.name;
  for (const f of MATERIAL_FIELDS) if (p.materials && f in p.materials) next.materials[f] = p.materials[f] ?? '';
  if (p.claimWindowHours !== undefined) next.claimWindowHours = text(p.claimWindowHours ?? undefined);
  for (const f of LIMIT_FIELDS) if (p.limits && f in p.limits) next.limits[f] = text(p.limits[f] ?? undefined);
  for (const t of p.tiers ?? []) {
    const row = next.tiers.find((r) => r.id === t.id);
    if (!row) continue;
    if (t.probability !== undefined) row.percent = percentText(t.probability);
    if (t.stock !== undefined) row.stock = String(t.stock);
    if (t.name !== undefined) row.name = t.name;
    if (t.pacing !== undefined) row.pacing = t.pacing;
  }
  return next;
}

/** The patch from `a` to what the form holds: only the fields that differ. */
export function buildPatch(a: LiveActivity, m: LiveEditModel): Record<string, unknown> {
  const base = modelOf(a);
  const patch: Record<string, unknown> = {};
  if (m.name.trim() !== base.name) patch.name = m.name.trim();

  const materials: Record<string, string | null> = {};
  for (const f of MATERIAL_FIELDS) {
    const v = m.materials[f].trim();
    if (v !== base.materials[f]) materials[f] = v === '' ? null : v;
  }
  if (Object.keys(materials).length) patch.materials = materials;

  if (m.startsAt !== base.startsAt) patch.startsAt = fromZonedInput(m.startsAt, a.timezone) ?? m.startsAt;
  if (m.endsAt !== base.endsAt) patch.endsAt = fromZonedInput(m.endsAt, a.timezone) ?? m.endsAt;
  if (m.claimWindowHours.trim() !== base.claimWindowHours) patch.claimWindowHours = num(m.claimWindowHours);

  const limits: Record<string, unknown> = {};
  for (const f of LIMIT_FIELDS) {
    if (m.limits[f].trim() === base.limits[f]) continue;
    // Free draws always have a value (0 when none); the others are taken away by null.
    limits[f] = f === 'freeDrawsPerDay' ? (num(m.limits[f]) ?? 0) : num(m.limits[f]);
  }
  if (Object.keys(limits).length) patch.limits = limits;

  const tiers: Record<string, unknown>[] = [];
  const removeTiers: string[] = [];
  for (const row of m.tiers) {
    if (row.id && row.remove) {
      removeTiers.push(row.id);
      continue;
    }
    const was = row.id ? base.tiers.find((b) => b.id === row.id) : undefined;
    if (was) {
      const t: Record<string, unknown> = { id: row.id };
      if (row.percent.trim() !== was.percent) t.probability = probabilityOf(row.percent);
      if (row.stock.trim() !== was.stock) t.stock = num(row.stock);
      if (row.name.trim() !== was.name) t.name = row.name.trim();
      if (row.pacing !== was.pacing) t.pacing = row.pacing;
      if (Object.keys(t).length > 1) tiers.push(t);
    } else if (!row.remove) {
      tiers.push({
        name: row.name.trim(),
        probability: probabilityOf(row.percent),
        stock: num(row.stock),
        prizes: [{ prizeId: row.prizeId, quantity: num(row.quantity) }],
        pacing: row.pacing,
      });
    }
  }
  if (tiers.length) patch.tiers = tiers;
  if (removeTiers.length) patch.removeTiers = removeTiers;

  const tasks: Record<string, unknown>[] = [];
  const removeTasks: string[] = [];
  for (const row of m.tasks) {
    if (row.id && row.remove) {
      removeTasks.push(row.id);
      continue;
    }
    const was = row.id ? base.tasks.find((b) => b.id === row.id) : undefined;
    if (was) {
      const t: Record<string, unknown> = { id: row.id };
      if (row.name.trim() !== was.name) t.name = row.name.trim();
      if (row.chances.trim() !== was.chances) t.chances = num(row.chances);
      if (row.perDay.trim() !== was.perDay) t.perDay = num(row.perDay);
      if (row.total.trim() !== was.total) t.total = num(row.total);
      if (Object.keys(t).length > 1) tasks.push(t);
    } else if (!row.remove) {
      const perDay = num(row.perDay);
      const total = num(row.total);
      tasks.push({
        kind: row.kind,
        name: row.name.trim(),
        chances: num(row.chances),
        ...(perDay !== null ? { perDay } : {}),
        ...(total !== null ? { total } : {}),
        ...(row.kind === 'event' ? { eventType: row.eventType.trim() } : {}),
      });
    }
  }
  if (tasks.length) patch.tasks = tasks;
  if (removeTasks.length) patch.removeTasks = removeTasks;
  return patch;
}

// A change's patch against the configuration it is based on: the configuration it makes
// (checked by the same rules as a whole spec), what moves field by field (odds as percentages,
// stock as units, every other field before → after), which policy scopes it touches, and what it
// costs the prize pools: each prize's need is Σ tier stock × quantity, as at publish, where a
// tier taken out needs only the wins it issued; a need beyond what the pool holds is reserved
// from the prize's total pool when the change applies, a need below it is released back, up to
// what the change frees.
import { AppError } from '../errors';
import { PROBABILITY_SCALE } from '../draw/probability-scale';
import type { ConfigSnapshot } from './config-versions';
import type { ChangePatch, ChangeScope, NewTier, TaskEdit, TierEdit } from './change-schemas';
import { ActivitySpec, toMicros, type TaskSpec } from './schemas';
import { toZonedIso } from './zoned-time';

type Limits = ConfigSnapshot['limits'];
export type ConfigTier = ConfigSnapshot['tiers'][number];
export type ConfigTask = ConfigSnapshot['tasks'][number];
const LIMIT_FIELDS = ['freeDrawsPerDay', 'maxDrawsPerDay', 'maxDrawsTotal', 'maxWinsPerUser'] as const;
const MATERIAL_FIELDS = ['title', 'themeColor', 'bannerUrl', 'rulesText', 'sliceSizes'] as const;
const TIER_FIELDS = ['name', 'pacing', 'segments', 'autoTune'] as const;
const TASK_FIELDS = ['name', 'chances', 'perDay', 'total', 'confirmBy'] as const;

/** A tier the change adds carries this id until its row is created. */
export const NEW_ID_PREFIX = 'new:';
export const isNewId = (id: string) => id.startsWith(NEW_ID_PREFIX);

type Json = unknown;
export type DiffEntry =
  | { kind: 'odds'; path: string; tierId: string; tier: string; beforePercent: number; afterPercent: number }
  | { kind: 'stock'; path: string; tierId: string; tier: string; before: number; after: number; deltaUnits: number }
  | { kind: 'limits'; path: string; before: number | null; after: number | null }
  | { kind: 'materials'; path: string; before: Json; after: Json }
  | { kind: 'period'; path: 'startsAt' | 'endsAt'; before: string; after: string }
  | { kind: 'tier'; scope: 'odds' | 'tiers'; path: string; tierId: string; tier: string; before: Json; after: Json }
  | { kind: 'tierAdded'; path: string; tierId: string | null; tier: string; before: null; after: ConfigTier }
  | { kind: 'tierRemoved'; path: string; tierId: string; tier: string; before: ConfigTier; after: null }
  | { kind: 'task'; path: string; taskId: string; task: string; before: Json; after: Json }
  | { kind: 'taskAdded'; path: string; taskId: string | null; task: string; before: null; after: ConfigTask }
  | { kind: 'taskRemoved'; path: string; taskId: string; task: string; before: ConfigTask; after: null }
  /** Not a field of the spec: the status the system moved by itself (lib/activities/record-system-change.ts). */
  | { kind: 'status'; path: 'status'; before: string; after: string };

export type PoolCost = { prizeId: string; needBefore: number; needAfter: number; reserve: number; release: number };

export type ChangeDiff = { entries: DiffEntry[]; scopes: ChangeScope[]; cost: PoolCost[] };

/**
 * What the records know beside the configuration: the tiers and tasks a change took out before
 * (a change may bring one back by its id; a tier's stock there is the wins it issued), every
 * row's position, and each tier's issued wins as written back so far.
 */
export type ChangeRecords = {
  removedTiers: ConfigTier[];
  removedTasks: ConfigTask[];
  positions: Map<string, number>;
  issued: Map<string, number>;
};

export const noRecords = (base: ConfigSnapshot): ChangeRecords => ({
  removedTiers: [],
  removedTasks: [],
  positions: new Map([...base.tiers, ...base.tasks].map((t, i) => [t.id, i])),
  issued: new Map(),
});

/** Units of each prize a set of tiers needs. */
export function prizeNeed(tiers: Pick<ConfigTier, 'stock' | 'prizes'>[]): Map<string, number> {
  const need = new Map<string, number>();
  for (const t of tiers)
    for (const p of t.prizes) need.set(p.prizeId, (need.get(p.prizeId) ?? 0) + t.stock * p.quantity);
  return need;
}

const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', message, { issues: [{ path, message }] });

function editTier(t: ConfigTier, p: TierEdit): ConfigTier {
  const next: ConfigTier = { ...t };
  if (p.probability !== undefined) next.probability = toMicros(p.probability) / PROBABILITY_SCALE;
  if (p.stock !== undefined) next.stock = p.stock;
  if (p.name !== undefined) next.name = p.name;
  if (p.pacing !== undefined) next.pacing = p.pacing;
  if (p.segments !== undefined) {
    if (p.segments.length) next.segments = p.segments;
    else delete next.segments;
  }
  if (p.autoTune === null) delete next.autoTune;
  else if (p.autoTune !== undefined) next.autoTune = p.autoTune;
  return next;
}

function editTask(t: ConfigTask, p: TaskEdit, path: string): ConfigTask {
  const next = { ...t } as Record<string, unknown>;
  if (p.name !== undefined) next.name = p.name;
  if (p.chances !== undefined) next.chances = p.chances;
  for (const field of ['perDay', 'total'] as const) {
    if (p[field] === null) delete next[field];
    else if (p[field] !== undefined) next[field] = p[field];
  }
  if (p.confirmBy !== undefined) {
    if (t.kind !== 'share')
      throw invalid(`${path}.confirmBy`, 'only a share task is confirmed by the client or an event');
    if (p.confirmBy === 'event') next.confirmBy = 'event';
    else delete next.confirmBy;
  }
  return next as ConfigTask;
}

/**
 * The items after the patch: those kept (edited), those brought back by id, those added, in
 * their rows' order (an added one after all others), and those taken out.
 */
function patchList<T extends { id: string }, E extends { id: string }, N>(opts: {
  what: 'tier' | 'task';
  base: T[];
  removedBefore: T[];
  edits: (E | N)[] | undefined;
  remove: string[] | undefined;
  positions: Map<string, number>;
  edit: (item: T, e: E, path: string) => T;
  create: (n: N, id: string) => T;
}): { list: T[]; removed: T[] } {
  const { what, base, removedBefore, positions } = opts;
  const key = what === 'tier' ? 'tiers' : 'tasks';
  const removeKey = what === 'tier' ? 'removeTiers' : 'removeTasks';
  const remove = new Set(opts.remove ?? []);
  (opts.remove ?? []).forEach((id, i) => {
    if (!base.some((b) => b.id === id)) throw invalid(`patch.${removeKey}.${i}`, `the activity has no ${what} ${id}`);
  });
  const items = new Map(base.map((b) => [b.id, b]));
  const added: T[] = [];
  (opts.edits ?? []).forEach((e, i) => {
    const path = `patch.${key}.${i}`;
    if (typeof e === 'object' && e !== null && 'id' in e) {
      const edit = e as E;
      const current = items.get(edit.id) ?? removedBefore.find((r) => r.id === edit.id);
      if (!current) throw invalid(`${path}.id`, `the activity has no ${what} ${edit.id}`);
      if (remove.has(edit.id)) throw invalid(`${path}.id`, `the ${what} ${edit.id} is both changed and taken out`);
      items.set(edit.id, opts.edit(current, edit, path));
    } else {
      added.push(opts.create(e as N, `${NEW_ID_PREFIX}${i}`));
    }
  });
  const position = (id: string) => positions.get(id) ?? Number.MAX_SAFE_INTEGER;
  const kept = [...items.values()].filter((t) => !remove.has(t.id)).sort((a, b) => position(a.id) - position(b.id));
  return { list: [...kept, ...added], removed: base.filter((b) => remove.has(b.id)) };
}

/** Translated names follow their tier or task by id when the list changes (they are kept by position). */
function followTranslations(
  translations: ConfigSnapshot['translations'],
  base: ConfigSnapshot,
  next: Pick<ConfigSnapshot, 'tiers' | 'tasks'>,
): ConfigSnapshot['translations'] {
  if (!translations) return translations;
  const remap = <T>(names: T[] | undefined, from: { id: string }[], to: { id: string }[]) => {
    if (!names) return undefined;
    const byId = new Map(from.map((f, i) => [f.id, names[i]]));
    const mapped = to.map((t) => byId.get(t.id) ?? ({} as T));
    while (mapped.length && Object.keys(mapped[mapped.length - 1]!).length === 0) mapped.pop();
    return mapped.length ? mapped : undefined;
  };
  return Object.fromEntries(
    Object.entries(translations).map(([lang, tr]) => {
      const out = {
        ...tr,
        tiers: remap(tr.tiers, base.tiers, next.tiers),
        tasks: remap(tr.tasks, base.tasks, next.tasks),
      };
      if (!out.tiers) delete out.tiers;
      if (!out.tasks) delete out.tasks;
      return [lang, out];
    }),
  );
}

/**
 * The configuration the patch makes from `base`, and the tiers and tasks it takes out; an id
 * neither the base nor the ones taken out before have is refused.
 */
export function patchedConfig(
  base: ConfigSnapshot,
  patch: ChangePatch,
  records: ChangeRecords = noRecords(base),
): ConfigSnapshot {
  const tiers = patchList<ConfigTier, TierEdit, NewTier>({
    what: 'tier',
    base: base.tiers,
    removedBefore: records.removedTiers,
    edits: patch.tiers,
    remove: patch.removeTiers,
    positions: records.positions,
    edit: (t, e) => editTier(t, e),
    create: (n, id) => {
      const { segments, autoTune, ...rest } = n;
      return {
        id,
        ...rest,
        probability: toMicros(n.probability) / PROBABILITY_SCALE,
        ...(segments?.length ? { segments } : {}),
        ...(autoTune ? { autoTune } : {}),
      };
    },
  });
  const tasks = patchList<ConfigTask, TaskEdit, TaskSpec>({
    what: 'task',
    base: base.tasks,
    removedBefore: records.removedTasks,
    edits: patch.tasks,
    remove: patch.removeTasks,
    positions: records.positions,
    edit: (t, e, path) => editTask(t, e, path),
    create: (n, id) =>
      ({ id, ...n, ...(n.kind === 'share' && n.confirmBy !== 'event' ? { confirmBy: undefined } : {}) }) as ConfigTask,
  });
  const limits: Limits = { ...base.limits };
  for (const field of LIMIT_FIELDS) {
    const value = patch.limits?.[field];
    if (value === undefined) continue;
    if (value === null) delete (limits as Record<string, number | undefined>)[field];
    else (limits as Record<string, number | undefined>)[field] = value;
  }
  const materials: Record<string, string> = { ...base.materials };
  for (const field of MATERIAL_FIELDS) {
    const value = patch.materials?.[field];
    if (value === undefined) continue;
    if (value === null) delete materials[field];
    else materials[field] = value;
  }
  const next: ConfigSnapshot = {
    ...base,
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.startsAt !== undefined
      ? { startsAt: toZonedIso(new Date(patch.startsAt).toISOString(), base.timezone) }
      : {}),
    ...(patch.endsAt !== undefined ? { endsAt: toZonedIso(new Date(patch.endsAt).toISOString(), base.timezone) } : {}),
    materials: materials as ConfigSnapshot['materials'],
    limits,
    tiers: tiers.list,
    tasks: tasks.list.map(withoutUndefined),
  };
  const translations =
    patch.translations !== undefined ? patch.translations : followTranslations(base.translations, base, next);
  if (translations && Object.keys(translations).length) next.translations = translations;
  else delete next.translations;
  if (patch.claimWindowHours === null) delete next.claimWindowHours;
  else if (patch.claimWindowHours !== undefined) next.claimWindowHours = patch.claimWindowHours;
  // The rules a whole spec keeps (odds within 1 at every hour, limits that agree, fixed winners covered).
  const checked = ActivitySpec.safeParse({
    ...next,
    tiers: next.tiers.map(({ id: _id, ...t }) => t),
    tasks: next.tasks.map(({ id: _id, ...t }) => t),
  });
  if (!checked.success) {
    const issues = checked.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new AppError('VALIDATION_FAILED', `the change would make an invalid configuration: ${issues[0]!.message}`, {
      issues,
    });
  }
  return next;
}

const withoutUndefined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const percent = (p: number) => Math.round(p * PROBABILITY_SCALE) / (PROBABILITY_SCALE / 100);
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/**
 * What moves from `base` to `next`, field by field; `held` is each prize pool's units held for
 * the activity (reserved − returned). A tier taken out needs the wins it issued (`records.issued`,
 * as written back so far: the apply counts them exactly, against the draws).
 */
export function diffConfigs(
  base: ConfigSnapshot,
  next: ConfigSnapshot,
  held: Map<string, number>,
  records: ChangeRecords = noRecords(base),
): ChangeDiff {
  const entries: DiffEntry[] = [];
  const scopes = new Set<ChangeScope>();
  const add = (scope: ChangeScope, entry: DiffEntry) => {
    scopes.add(scope);
    entries.push(entry);
  };
  const baseTiers = new Map(base.tiers.map((t) => [t.id, t]));
  for (const n of next.tiers) {
    const b = baseTiers.get(n.id);
    const tierId = isNewId(n.id) ? null : n.id;
    if (!b) {
      add('tiers', { kind: 'tierAdded', path: `tiers.${n.id}`, tierId, tier: n.name, before: null, after: n });
      continue;
    }
    if (toMicros(b.probability) !== toMicros(n.probability))
      add('odds', {
        kind: 'odds',
        path: `tiers.${b.id}.probability`,
        tierId: b.id,
        tier: b.name,
        beforePercent: percent(b.probability),
        afterPercent: percent(n.probability),
      });
    if (b.stock !== n.stock)
      add('stock', {
        kind: 'stock',
        path: `tiers.${b.id}.stock`,
        tierId: b.id,
        tier: b.name,
        before: b.stock,
        after: n.stock,
        deltaUnits: n.stock - b.stock,
      });
    for (const field of TIER_FIELDS) {
      const before = b[field] ?? null;
      const after = n[field] ?? null;
      if (same(before, after)) continue;
      const scope = field === 'segments' || field === 'autoTune' ? 'odds' : 'tiers';
      add(scope, { kind: 'tier', scope, path: `tiers.${b.id}.${field}`, tierId: b.id, tier: b.name, before, after });
    }
  }
  const nextTierIds = new Set(next.tiers.map((t) => t.id));
  const removedNow = base.tiers.filter((b) => !nextTierIds.has(b.id));
  for (const b of removedNow)
    add('tiers', { kind: 'tierRemoved', path: `tiers.${b.id}`, tierId: b.id, tier: b.name, before: b, after: null });

  const baseTasks = new Map(base.tasks.map((t) => [t.id, t]));
  for (const n of next.tasks) {
    const b = baseTasks.get(n.id);
    if (!b) {
      const taskId = isNewId(n.id) ? null : n.id;
      add('tasks', { kind: 'taskAdded', path: `tasks.${n.id}`, taskId, task: n.name, before: null, after: n });
      continue;
    }
    for (const field of TASK_FIELDS) {
      const before = (b as Record<string, unknown>)[field] ?? null;
      const after = (n as Record<string, unknown>)[field] ?? null;
      if (before !== after)
        add('tasks', { kind: 'task', path: `tasks.${b.id}.${field}`, taskId: b.id, task: b.name, before, after });
    }
  }
  const nextTaskIds = new Set(next.tasks.map((t) => t.id));
  for (const b of base.tasks.filter((t) => !nextTaskIds.has(t.id)))
    add('tasks', { kind: 'taskRemoved', path: `tasks.${b.id}`, taskId: b.id, task: b.name, before: b, after: null });

  if (base.name !== next.name)
    add('materials', { kind: 'materials', path: 'name', before: base.name, after: next.name });
  for (const field of MATERIAL_FIELDS) {
    const before = base.materials[field] ?? null;
    const after = next.materials[field] ?? null;
    if (before !== after) add('materials', { kind: 'materials', path: `materials.${field}`, before, after });
  }
  if (!same(base.translations ?? {}, next.translations ?? {}))
    add('materials', {
      kind: 'materials',
      path: 'translations',
      before: base.translations ?? {},
      after: next.translations ?? {},
    });
  for (const field of ['startsAt', 'endsAt'] as const) {
    if (Date.parse(base[field]) !== Date.parse(next[field]))
      add('period', { kind: 'period', path: field, before: base[field], after: next[field] });
  }
  for (const field of LIMIT_FIELDS) {
    const before = base.limits[field] ?? null;
    const after = next.limits[field] ?? null;
    if (before !== after) add('limits', { kind: 'limits', path: `limits.${field}`, before, after });
  }
  if ((base.claimWindowHours ?? null) !== (next.claimWindowHours ?? null))
    add('limits', {
      kind: 'limits',
      path: 'claimWindowHours',
      before: base.claimWindowHours ?? null,
      after: next.claimWindowHours ?? null,
    });

  const { before: needBefore, after: needAfter } = poolNeeds(base, next, records);
  const cost: PoolCost[] = [...new Set([...needBefore.keys(), ...needAfter.keys()])].sort().flatMap((prizeId) => {
    const before = needBefore.get(prizeId) ?? 0;
    const after = needAfter.get(prizeId) ?? 0;
    if (before === after) return [];
    const pool = held.get(prizeId) ?? 0;
    const reserve = Math.max(0, after - pool);
    const release = after < before ? Math.max(0, Math.min(before - after, pool - after)) : 0;
    return [{ prizeId, needBefore: before, needAfter: after, reserve, release }];
  });
  return { entries, scopes: CHANGE_SCOPE_ORDER.filter((s) => scopes.has(s)), cost };
}

const CHANGE_SCOPE_ORDER: ChangeScope[] = ['odds', 'stock', 'period', 'limits', 'tiers', 'tasks', 'materials'];

/**
 * Each prize's need before and after; the tiers taken out before count with the wins they issued
 * (their stock in the records) unless brought back, the ones taken out now with the wins issued
 * so far. `afterWithoutRemoved` leaves the ones taken out now to the apply, which counts them.
 */
export function poolNeeds(base: ConfigSnapshot, next: ConfigSnapshot, records: ChangeRecords) {
  const nextIds = new Set(next.tiers.map((t) => t.id));
  const stillRemoved = records.removedTiers.filter((t) => !nextIds.has(t.id));
  const removedNow = base.tiers.filter((t) => !nextIds.has(t.id));
  const before = prizeNeed([...base.tiers, ...records.removedTiers]);
  const afterWithoutRemoved = prizeNeed([...next.tiers, ...stillRemoved]);
  const after = prizeNeed([
    ...next.tiers,
    ...stillRemoved,
    ...removedNow.map((t) => ({ ...t, stock: Math.min(t.stock, records.issued.get(t.id) ?? 0) })),
  ]);
  return { before, after, afterWithoutRemoved, removedNow };
}

/** One line for the version list: "Gold: odds 10 % → 20 %; limits.maxDrawsPerDay 10 → 5; tier Bronze added". */
export function summarizeDiff(entries: DiffEntry[]): string {
  if (!entries.length) return 'unchanged';
  const short = (v: unknown) => {
    if (v === null || v === undefined) return 'none';
    const text = typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v);
    return text.length > 40 ? `${text.slice(0, 39)}…` : text;
  };
  return entries
    .map((e) => {
      switch (e.kind) {
        case 'odds':
          return `${e.tier}: odds ${e.beforePercent} % → ${e.afterPercent} %`;
        case 'stock':
          return `${e.tier}: stock ${e.before} → ${e.after}`;
        case 'tier':
          return `${e.tier}: ${e.path.split('.').pop()} ${short(e.before)} → ${short(e.after)}`;
        case 'tierAdded':
          return `tier ${e.tier} added`;
        case 'tierRemoved':
          return `tier ${e.tier} taken out`;
        case 'task':
          return `task ${e.task}: ${e.path.split('.').pop()} ${short(e.before)} → ${short(e.after)}`;
        case 'taskAdded':
          return `task ${e.task} added`;
        case 'taskRemoved':
          return `task ${e.task} taken out`;
        case 'period':
          return `period: ${e.path} ${e.before} → ${e.after}`;
        default:
          return `${e.path} ${short(e.before)} → ${short(e.after)}`;
      }
    })
    .join('; ');
}

/**
 * The patch that takes `from` to `to`: tiers and tasks of `to` that `from` lacks are brought back
 * by id (they were taken out), those `from` has and `to` lacks are taken out. 'other-fields' when
 * they differ in what no change moves (gameplay, time zone, a tier's prizes, a task's kind).
 */
export function patchBetween(from: ConfigSnapshot, to: ConfigSnapshot): ChangePatch | 'other-fields' {
  const fixed = (c: ConfigSnapshot) => ({
    gameplay: c.gameplay,
    timezone: c.timezone,
    fixedWinners: c.fixedWinners ?? null,
    pauseOnDrift: c.pauseOnDrift ?? false,
  });
  if (!same(fixed(from), fixed(to))) return 'other-fields';
  if (to.tasks.some((t) => !t.id)) return 'other-fields';
  const patch: Record<string, unknown> = {};
  if (from.name !== to.name) patch.name = to.name;
  const materials: Record<string, string | null> = {};
  for (const field of MATERIAL_FIELDS) {
    if ((from.materials[field] ?? null) !== (to.materials[field] ?? null))
      materials[field] = to.materials[field] ?? null;
  }
  if (Object.keys(materials).length) patch.materials = materials;
  if (!same(from.translations ?? {}, to.translations ?? {})) patch.translations = to.translations ?? {};
  if ((from.claimWindowHours ?? null) !== (to.claimWindowHours ?? null))
    patch.claimWindowHours = to.claimWindowHours ?? null;
  if (Date.parse(from.startsAt) !== Date.parse(to.startsAt)) patch.startsAt = to.startsAt;
  if (Date.parse(from.endsAt) !== Date.parse(to.endsAt)) patch.endsAt = to.endsAt;
  const limits: Record<string, number | null> = {};
  for (const field of LIMIT_FIELDS) {
    if ((from.limits[field] ?? null) !== (to.limits[field] ?? null)) limits[field] = to.limits[field] ?? null;
  }
  if (Object.keys(limits).length) patch.limits = limits;

  const fromTiers = new Map(from.tiers.map((t) => [t.id, t]));
  const tiers: Record<string, unknown>[] = [];
  for (const t of to.tiers) {
    const f = fromTiers.get(t.id);
    if (f && !same(f.prizes, t.prizes)) return 'other-fields';
    const p: Record<string, unknown> = { id: t.id };
    if (!f || toMicros(f.probability) !== toMicros(t.probability)) p.probability = t.probability;
    if (!f || f.stock !== t.stock) p.stock = t.stock;
    if (!f || f.name !== t.name) p.name = t.name;
    if (!f || f.pacing !== t.pacing) p.pacing = t.pacing;
    if (!f || !same(f.segments ?? [], t.segments ?? [])) p.segments = t.segments ?? [];
    if (!f || !same(f.autoTune ?? null, t.autoTune ?? null)) p.autoTune = t.autoTune ?? null;
    if (Object.keys(p).length > 1) tiers.push(p);
  }
  if (tiers.length) patch.tiers = tiers;
  const toTierIds = new Set(to.tiers.map((t) => t.id));
  const removeTiers = from.tiers.filter((t) => !toTierIds.has(t.id)).map((t) => t.id);
  if (removeTiers.length) patch.removeTiers = removeTiers;

  const fromTasks = new Map(from.tasks.map((t) => [t.id, t]));
  const tasks: Record<string, unknown>[] = [];
  for (const t of to.tasks) {
    const f = fromTasks.get(t.id) as Record<string, unknown> | undefined;
    const target = t as Record<string, unknown>;
    if (f && (f.kind !== target.kind || (f.eventType ?? null) !== (target.eventType ?? null))) return 'other-fields';
    const p: Record<string, unknown> = { id: t.id };
    for (const field of TASK_FIELDS) {
      const after = target[field] ?? null;
      if (f && (f[field] ?? null) === after) continue;
      if (field === 'confirmBy') {
        if (t.kind === 'share') p.confirmBy = after ?? 'client';
      } else p[field] = after;
    }
    if (Object.keys(p).length > 1) tasks.push(p);
  }
  if (tasks.length) patch.tasks = tasks;
  const toTaskIds = new Set(to.tasks.map((t) => t.id));
  const removeTasks = from.tasks.filter((t) => !toTaskIds.has(t.id)).map((t) => t.id);
  if (removeTasks.length) patch.removeTasks = removeTasks;
  return patch as ChangePatch;
}

/** JSON with keys sorted at every depth, undefined left out: one text per value. */
function canonical(value: unknown): string {
  return JSON.stringify(sortKeys(value));
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

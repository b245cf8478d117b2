// The editor's state: the draft spec as the inputs hold it (text, wall-clock times in the
// activity's zone, odds in percent) and back. The server judges the result; nothing here
// decides what is valid.
import type { DraftSpec } from '@/lib/activities/schemas';
import type { SegmentValue } from './editor/segment-grid-model';
import { fromZonedInput, toZonedInput } from '@/lib/activities/zoned-time';
import { consoleTranslator } from '@/lib/i18n/console/catalogs';
import type { Translator } from '@/lib/i18n/console/translator';

const english = consoleTranslator('en');

export type TierPrizeForm = { key: string; prizeId: string; quantity: string };
/** Auto-tune bounds in percent, sent only while `on`. */
export type AutoTuneForm = { on: boolean; minPercent: string; maxPercent: string };
export type TierForm = {
  key: string;
  name: string;
  oddsPercent: string;
  stock: string;
  pacing: 'none' | 'even';
  prizes: TierPrizeForm[];
  /** As the segment grid made them (probabilities, not percent): the grid owns their shape. */
  segments: SegmentValue[];
  autoTune: AutoTuneForm;
};
export type TaskForm = {
  key: string;
  kind: 'sign_in' | 'share' | 'invite' | 'event';
  name: string;
  eventType: string;
  chances: string;
  perDay: string;
  total: string;
  /** A share task paid only on the host app's share_confirmed event. */
  confirmByEvent: boolean;
};
/** One language's texts as the inputs hold them; tiers and tasks by position, '' when untranslated. */
export type TranslationForm = { name: string; title: string; rulesText: string; tiers: string[]; tasks: string[] };
export type DraftForm = {
  name: string;
  gameplay: 'wheel' | 'grid' | 'scratch';
  timezone: string;
  startsLocal: string;
  endsLocal: string;
  limits: { freeDrawsPerDay: string; maxDrawsPerDay: string; maxDrawsTotal: string; maxWinsPerUser: string };
  claimWindowHours: string;
  materials: { title: string; themeColor: string; bannerUrl: string; rulesText: string; sliceSizes: string };
  translations: Record<string, TranslationForm>;
  tiers: TierForm[];
  tasks: TaskForm[];
  fixedWinners: string;
  pauseOnDrift: boolean;
};

let keys = 0;
export const newKey = () => `k${++keys}`;
const text = (n: number | undefined) => (n === undefined ? '' : String(n));
const percent = (p: number) => String(Number((p * 100).toFixed(4)));
/** Percent to a probability, cleaned of float noise at the spec's 1e-6 precision… and no finer. */
const probability = (pct: number) => (Number.isFinite(pct) ? Math.round(pct * 1e8) / 1e10 : pct);
export const percentToProbability = probability;
export const probabilityToPercent = percent;

export const newTier = (n: number): TierForm => ({
  key: newKey(),
  name: `Tier ${n}`,
  oddsPercent: '1',
  stock: '100',
  pacing: 'none',
  prizes: [{ key: newKey(), prizeId: '', quantity: '1' }],
  segments: [],
  autoTune: { on: false, minPercent: '', maxPercent: '' },
});

export function toForm(spec: DraftSpec): DraftForm {
  return {
    name: spec.name,
    gameplay: spec.gameplay,
    timezone: spec.timezone,
    startsLocal: toZonedInput(spec.startsAt, spec.timezone),
    endsLocal: toZonedInput(spec.endsAt, spec.timezone),
    limits: {
      freeDrawsPerDay: text(spec.limits.freeDrawsPerDay),
      maxDrawsPerDay: text(spec.limits.maxDrawsPerDay),
      maxDrawsTotal: text(spec.limits.maxDrawsTotal),
      maxWinsPerUser: text(spec.limits.maxWinsPerUser),
    },
    claimWindowHours: text(spec.claimWindowHours),
    materials: {
      title: spec.materials.title ?? '',
      themeColor: spec.materials.themeColor ?? '#e11d48',
      bannerUrl: spec.materials.bannerUrl ?? '',
      rulesText: spec.materials.rulesText ?? '',
      sliceSizes: spec.materials.sliceSizes === 'odds' ? 'odds' : '',
    },
    translations: Object.fromEntries(
      Object.entries(spec.translations ?? {}).map(([tag, t]) => [
        tag,
        {
          name: t.name ?? '',
          title: t.title ?? '',
          rulesText: t.rulesText ?? '',
          tiers: (t.tiers ?? []).map((x) => x.name ?? ''),
          tasks: (t.tasks ?? []).map((x) => x.name ?? ''),
        },
      ]),
    ),
    tiers: spec.tiers.map((t) => ({
      key: newKey(),
      name: t.name,
      oddsPercent: percent(t.probability),
      stock: String(t.stock),
      pacing: t.pacing,
      prizes: t.prizes.map((p) => ({ key: newKey(), prizeId: p.prizeId, quantity: String(p.quantity) })),
      segments: (t.segments ?? []).map((x) => ({ ...x })),
      autoTune: t.autoTune
        ? { on: true, minPercent: percent(t.autoTune.minProbability), maxPercent: percent(t.autoTune.maxProbability) }
        : { on: false, minPercent: '', maxPercent: '' },
    })),
    tasks: spec.tasks.map((t) => ({
      key: newKey(),
      kind: t.kind,
      name: t.name,
      eventType: t.kind === 'event' ? t.eventType : '',
      chances: String(t.chances),
      perDay: text(t.perDay),
      total: text(t.total),
      confirmByEvent: t.kind === 'share' && t.confirmBy === 'event',
    })),
    fixedWinners: text(spec.fixedWinners),
    pauseOnDrift: spec.pauseOnDrift === true,
  };
}

/** A number from an input: empty → undefined (optional fields), otherwise the number (NaN is left for the server to name). */
function num(s: string): number | undefined {
  return s.trim() === '' ? undefined : Number(s.trim());
}

/** The spec the form describes, unvalidated: the server's DraftSpec decides. */
export function toSpec(f: DraftForm): unknown {
  const materials = Object.fromEntries(Object.entries(f.materials).filter(([, v]) => v.trim() !== ''));
  return {
    name: f.name,
    gameplay: f.gameplay,
    startsAt: fromZonedInput(f.startsLocal, f.timezone) ?? f.startsLocal,
    endsAt: fromZonedInput(f.endsLocal, f.timezone) ?? f.endsLocal,
    timezone: f.timezone,
    limits: {
      freeDrawsPerDay: num(f.limits.freeDrawsPerDay) ?? 0,
      maxDrawsPerDay: num(f.limits.maxDrawsPerDay),
      maxDrawsTotal: num(f.limits.maxDrawsTotal),
      maxWinsPerUser: num(f.limits.maxWinsPerUser),
    },
    ...(num(f.claimWindowHours) !== undefined ? { claimWindowHours: num(f.claimWindowHours) } : {}),
    materials,
    ...translationsSpec(f),
    ...(num(f.fixedWinners) !== undefined ? { fixedWinners: num(f.fixedWinners) } : {}),
    ...(f.pauseOnDrift ? { pauseOnDrift: true } : {}),
    tiers: f.tiers.map((t) => {
      const pct = num(t.oddsPercent);
      const bound = (s: string) => {
        const n = num(s);
        return n === undefined ? null : probability(n);
      };
      return {
        name: t.name,
        probability: pct === undefined ? null : probability(pct),
        stock: num(t.stock) ?? null,
        pacing: t.pacing,
        prizes: t.prizes.map((p) => ({ prizeId: p.prizeId, quantity: num(p.quantity) ?? null })),
        ...(t.segments.length ? { segments: t.segments } : {}),
        ...(t.autoTune.on
          ? { autoTune: { minProbability: bound(t.autoTune.minPercent), maxProbability: bound(t.autoTune.maxPercent) } }
          : {}),
      };
    }),
    tasks: f.tasks.map((t) => ({
      kind: t.kind,
      ...(t.kind === 'event' ? { eventType: t.eventType } : {}),
      name: t.name,
      ...(t.kind === 'share' && t.confirmByEvent ? { confirmBy: 'event' } : {}),
      chances: num(t.chances) ?? null,
      ...(num(t.perDay) !== undefined ? { perDay: num(t.perDay) } : {}),
      ...(num(t.total) !== undefined ? { total: num(t.total) } : {}),
    })),
  };
}

/**
 * The form with a new list of tiers (or tasks), their translated names moved with them: the spec
 * keeps translations by position (lib/activities/schemas.ts), so a tier removed or moved up must
 * take its names along.
 */
export function withListChange<K extends 'tiers' | 'tasks'>(f: DraftForm, key: K, next: DraftForm[K]): DraftForm {
  const before = new Map(f[key].map((x, i) => [x.key, i]));
  const translations = Object.fromEntries(
    Object.entries(f.translations).map(([tag, t]) => [
      tag,
      {
        ...t,
        [key]: next.map((x) => {
          const i = before.get(x.key);
          return i === undefined ? '' : (t[key][i] ?? '');
        }),
      },
    ]),
  );
  return { ...f, [key]: next, translations };
}

/** The translations the form holds, blanks left out (a blank falls back to the untranslated text). */
function translationsSpec(f: DraftForm): { translations?: Record<string, unknown> } {
  const out: Record<string, unknown> = {};
  for (const [tag, t] of Object.entries(f.translations)) {
    const names = (list: string[], n: number) => {
      const kept = list.slice(0, n).map((x) => (x.trim() ? { name: x } : {}));
      while (kept.length && Object.keys(kept[kept.length - 1]!).length === 0) kept.pop();
      return kept.length ? kept : undefined;
    };
    const entry = Object.fromEntries(
      Object.entries({
        name: t.name.trim() ? t.name : undefined,
        title: t.title.trim() ? t.title : undefined,
        rulesText: t.rulesText.trim() ? t.rulesText : undefined,
        tiers: names(t.tiers, f.tiers.length),
        tasks: names(t.tasks, f.tasks.length),
      }).filter(([, v]) => v !== undefined),
    );
    if (Object.keys(entry).length) out[tag] = entry;
  }
  return Object.keys(out).length ? { translations: out } : {};
}

/** Server messages in the operator's words; the paths stay as the server gave them. */
export function friendly(path: string, message: string, t: Translator = english): string {
  if (/^Invalid input: expected number/.test(message)) return t('Enter a number.');
  if (/expected int/.test(message)) return t('Enter a whole number.');
  if (/Too small: expected string to have >=1/.test(message)) return t('Required.');
  const odds = /probability$/i.test(path);
  if (odds && /decimal places/.test(message)) return t('At most 4 decimal places of a percent (0.0001 %).');
  if (odds && /<=\s?1\b/.test(message)) return t('At most 100 %.');
  if (odds && />=\s?0\b/.test(message)) return t('At least 0 %.');
  if (/minProbability must not exceed/.test(message)) return t('The lowest odds must not be above the highest.');
  if (path.endsWith('prizeId')) return t('Choose a prize.');
  const bound = /^Too (small|big): expected number to be ([<>]=?)(-?[\d.]+)/.exec(message);
  if (bound)
    return bound[1] === 'small'
      ? t('At least {n}.', { n: Number(bound[3]) })
      : t('At most {n}.', { n: Number(bound[3]) });
  if (path === 'startsAt' || path === 'endsAt')
    return /after/.test(message)
      ? t('Must be after the start.')
      : /year/.test(message)
        ? t('A period is at most a year.')
        : t('Enter a date and time.');
  return message.charAt(0).toUpperCase() + message.slice(1);
}

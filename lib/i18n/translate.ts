// Per-language content (the spec's and the prizes' `translations`): which stored language a
// reader gets, and the texts in it, falling back to the untranslated text field by field.
// Pure and free of zod: the play page's browser bundle uses it too.

export type SpecTranslation = {
  name?: string;
  title?: string;
  rulesText?: string;
  tiers?: { name?: string }[];
  tasks?: { name?: string }[];
};
export type PrizeTranslation = { name?: string };

/**
 * Language tags in the reader's order of preference: `?lang=` alone when given (a page that
 * asks for English gets English or the untranslated text, whatever the browser prefers), else
 * Accept-Language by q.
 */
export function wantedLanguages(lang: string | null | undefined, acceptLanguage: string | null | undefined): string[] {
  if (lang) return [lang];
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .slice(0, 20)
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())).find(Boolean);
      return { tag: (tag ?? '').trim(), q: q ? Number(q[1]) : 1 };
    })
    .filter((x) => x.tag && x.tag !== '*' && x.q > 0)
    .sort((a, b) => b.q - a.q)
    .map((x) => x.tag);
  return ranked;
}

/**
 * The stored language that best serves the wanted ones: an exact tag (any case) first, then one
 * with the same primary language (zh-Hans-CN reads zh-CN, en-GB reads en); null when none does.
 */
export function matchLanguage(available: string[], wanted: string[]): string | null {
  const lower = available.map((a) => a.toLowerCase());
  for (const tag of wanted) {
    const t = tag.toLowerCase();
    const exact = lower.indexOf(t);
    if (exact !== -1) return available[exact]!;
    const primary = t.split('-')[0]!;
    const near = lower.findIndex((a) => a.split('-')[0] === primary);
    if (near !== -1) return available[near]!;
  }
  return null;
}

/** The stored translations as an object of objects (the column is JSON: anything else reads as none). */
export function translationsOf<T extends object>(value: unknown): Record<string, T> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const out: Record<string, T> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>))
    if (v && typeof v === 'object' && !Array.isArray(v)) out[k] = v as T;
  return out;
}

/** The entry for the wanted languages, or null (untranslated). */
export function pickTranslation<T extends object>(value: unknown, wanted: string[]): { lang: string; text: T } | null {
  const all = translationsOf<T>(value);
  const lang = matchLanguage(Object.keys(all), wanted);
  return lang ? { lang, text: all[lang]! } : null;
}

/** A translated text, or the untranslated one when the translation is missing or blank. */
export function orUntranslated(translated: string | undefined, untranslated: string): string {
  return typeof translated === 'string' && translated.trim() ? translated : untranslated;
}

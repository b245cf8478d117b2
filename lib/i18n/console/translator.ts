// The console's words: the English text is the key, a language's catalog maps it to its own
// text, and a missing entry falls back to English (tests/unit/console-i18n.test.ts holds every
// literal the console passes to `t` to a zh-CN entry with the same placeholders).
//
//   t('Save')                                   → "保存"
//   t('{count} draws today', { count: 1234 })   → "今日抽奖 1,234 次" (numbers grouped per locale)
//   t.plural(n, '{count} winner', '{count} winners')  English picks by n; the catalog keys the plural form
//
// Pure: the server's pages and the browser's components use the same function.
import type { ConsoleLocale } from './locale';

export type MessageVars = Record<string, string | number>;
export type Catalog = Readonly<Record<string, string>>;

export interface Translator {
  (message: string, vars?: MessageVars): string;
  plural(count: number, one: string, other: string, vars?: MessageVars): string;
  /**
   * A text whose English is the same as another's but whose meaning is not ("Sign in" the task,
   * "Sign in" the button): the catalog keys it `context|text`; English shows the text.
   */
  ctx(context: string, message: string, vars?: MessageVars): string;
  /** A number grouped and with decimals as the locale writes them. */
  number(value: number, options?: Intl.NumberFormatOptions): string;
  readonly locale: ConsoleLocale;
}

/**
 * Marks a literal in a table (a section's label, a status's name) as console text: it is
 * translated where it is shown, with `t(label)`, and the catalog test finds it here.
 */
export const msg = (message: string) => message;

const PLACEHOLDER = /\{(\w+)\}/g;

/** The `{names}` a message interpolates, sorted: a translation must use the same ones. */
export function placeholdersOf(message: string): string[] {
  return [...message.matchAll(PLACEHOLDER)].map((m) => m[1]!).sort();
}

export function createTranslator(locale: ConsoleLocale, catalog: Catalog): Translator {
  const numbers = new Intl.NumberFormat(locale);
  const number = (value: number, options?: Intl.NumberFormatOptions) =>
    options ? new Intl.NumberFormat(locale, options).format(value) : numbers.format(value);
  const fill = (message: string, vars?: MessageVars) =>
    vars
      ? message.replace(PLACEHOLDER, (whole, name: string) => {
          const value = vars[name];
          if (value === undefined) return whole;
          return typeof value === 'number' ? number(value) : value;
        })
      : message;
  const t = ((message: string, vars?: MessageVars) => fill(catalog[message] ?? message, vars)) as Translator;
  t.plural = (count, one, other, vars) => {
    const all = { count, ...vars };
    if (catalog[other] !== undefined) return fill(catalog[other], all);
    return fill(new Intl.PluralRules('en').select(count) === 'one' ? one : other, all);
  };
  t.ctx = (context, message, vars) => fill(catalog[`${context}|${message}`] ?? message, vars);
  t.number = number;
  Object.defineProperty(t, 'locale', { value: locale });
  return t;
}

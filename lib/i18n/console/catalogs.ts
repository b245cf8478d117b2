// Each language's catalog, merged from one file per part of the console so that parts can be
// translated side by side.
import type { Catalog } from './translator';
import type { ConsoleLocale } from './locale';
import { createTranslator, type Translator } from './translator';
import { zhCN } from './zh-CN';

const catalogs: Record<ConsoleLocale, Catalog> = { en: {}, 'zh-CN': zhCN };

export function consoleTranslator(locale: ConsoleLocale): Translator {
  return createTranslator(locale, catalogs[locale]);
}

export { catalogs as consoleCatalogs };

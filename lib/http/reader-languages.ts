// The languages an end user reads, for the API's translated texts: `?lang=` (a language tag;
// anything else is a 400 naming `lang`), then Accept-Language by preference. Other query
// parameters are left alone, as before translations existed.
import { z } from 'zod';
import { wantedLanguages } from '../i18n/translate';
import { LanguageTag } from '../validation/language-tag';

const LangQuery = z.object({ lang: LanguageTag.optional() });

export function readerLanguages(req: Request): string[] {
  const url = req.url;
  // No query, no `lang`: most calls, which need not parse the URL (again, on the hot lane).
  const lang = url.includes('?') ? (new URL(url).searchParams.get('lang') ?? undefined) : undefined;
  const { lang: parsed } = LangQuery.parse({ lang });
  return wantedLanguages(parsed, req.headers.get('accept-language'));
}

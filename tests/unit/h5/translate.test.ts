// Which stored language a reader gets.
import { describe, expect, it } from 'vitest';
import { matchLanguage, orUntranslated, pickTranslation, wantedLanguages } from '@/lib/i18n/translate';
import { pickLocale } from '@/lib/i18n/messages';

describe('reader languages', () => {
  it('takes ?lang= alone, else Accept-Language by weight', () => {
    expect(wantedLanguages('en', 'zh-CN')).toEqual(['en']);
    expect(wantedLanguages(null, 'en;q=0.4, zh-TW;q=0.9, *;q=0.1, fr;q=0')).toEqual(['zh-TW', 'en']);
    expect(wantedLanguages(undefined, null)).toEqual([]);
  });

  it('matches exactly first, then by primary language, else untranslated', () => {
    expect(matchLanguage(['zh-CN', 'en'], ['zh-Hans-CN'])).toBe('zh-CN');
    expect(matchLanguage(['zh-CN', 'en'], ['EN-gb'])).toBe('en');
    expect(matchLanguage(['zh-CN', 'zh-TW'], ['zh-tw'])).toBe('zh-TW');
    expect(matchLanguage(['zh-CN'], ['fr', 'de'])).toBeNull();
    expect(pickTranslation({ 'zh-CN': { name: '奖' }, bad: 'x' }, ['zh'])).toEqual({
      lang: 'zh-CN',
      text: { name: '奖' },
    });
    expect(pickTranslation(['not', 'an', 'object'], ['zh'])).toBeNull();
    expect(orUntranslated('  ', 'Prize')).toBe('Prize');
    expect(orUntranslated(undefined, 'Prize')).toBe('Prize');
  });

  it('lets ?lang= pick the play page language before the cookie and Accept-Language', () => {
    expect(pickLocale('en', 'en', 'zh-CN')).toBe('zh-CN');
    expect(pickLocale('zh-CN', 'zh-CN', 'en-GB')).toBe('en');
    expect(pickLocale('en', 'zh-CN', 'fr')).toBe('en');
  });
});

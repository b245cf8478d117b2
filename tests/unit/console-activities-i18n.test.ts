// The activity pages in the console's language: periods and instants written as the locale
// writes dates, the editor's field messages in the operator's words, and a translated sentence
// that places its elements (a link, a time) where the language puts them.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { formatInstant, formatMinor, formatPeriod } from '@/components/console/activities/format';
import { friendly } from '@/components/console/activities/form-model';
import { richText } from '@/components/console/rich-text';
import { consoleTranslator } from '@/lib/i18n/console/catalogs';
import { createTranslator } from '@/lib/i18n/console/translator';

const zh = consoleTranslator('zh-CN');

describe('activity dates and amounts per locale', () => {
  const start = '2027-01-19T16:00:00.000Z';
  const end = '2027-02-04T16:00:00.000Z';

  it('writes a period in the activity’s zone as English or Chinese writes dates', () => {
    expect(formatPeriod(start, end, 'Asia/Shanghai')).toBe('20 Jan 2027, 00:00 – 5 Feb 2027, 00:00');
    expect(formatPeriod(start, end, 'Asia/Shanghai', 'zh-CN')).toBe('2027年1月20日 00:00 – 2027年2月5日 00:00');
    expect(formatInstant(start, 'Asia/Shanghai', 'zh-CN')).toBe('1月20日 00:00');
  });

  it('groups an amount in minor units with two decimals', () => {
    expect(formatMinor(123456)).toBe('1,234.56');
    expect(formatMinor(123456, 'zh-CN')).toBe('1,234.56');
  });
});

describe('the editor’s field messages', () => {
  it('says the server’s bounds in the operator’s language, English by default', () => {
    expect(friendly('fixedWinners', 'Too small: expected number to be >=1')).toBe('At least 1.');
    expect(friendly('fixedWinners', 'Too small: expected number to be >=1', zh)).toBe('最小为 1。');
    expect(friendly('tiers.0.probability', 'Too big: expected number to be <=1', zh)).toBe('不能超过 100 %。');
    expect(friendly('startsAt', 'must be after the start', zh)).toBe('必须晚于开始时间。');
  });
});

describe('a translated sentence with elements in it', () => {
  const link = createElement('a', { href: '/d' }, 'live dashboard');
  const render = (text: string) => renderToStaticMarkup(createElement('p', null, richText(text, { link })));

  it('puts each element where the language’s sentence has it', () => {
    const en = createTranslator('en', {});
    const cn = createTranslator('zh-CN', { 'Open the {link} now, {name}.': '{name}，现在打开{link}。' });
    expect(render(en('Open the {link} now, {name}.', { name: 'Dana' }))).toBe(
      '<p>Open the <a href="/d">live dashboard</a> now, Dana.</p>',
    );
    expect(render(cn('Open the {link} now, {name}.', { name: 'Dana' }))).toBe(
      '<p>Dana，现在打开<a href="/d">live dashboard</a>。</p>',
    );
  });

  it('leaves a placeholder it is not given as text', () => {
    expect(render('Hello {who}')).toBe('<p>Hello {who}</p>');
  });
});

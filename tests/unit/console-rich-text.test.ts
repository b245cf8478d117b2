import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { richText } from '@/components/console/rich-text';
import { createTranslator } from '@/lib/i18n/console/translator';

const html = (node: ReturnType<typeof richText>) => renderToStaticMarkup(createElement('p', null, node));

describe('richText: a translated sentence with elements in it', () => {
  const zh = createTranslator('zh-CN', { 'Remove {name} ({email})?': '移除 {name}（{email}）？' });

  it('puts elements and strings where the language’s sentence has their placeholders', () => {
    const b = createElement('b', null, 'Dana');
    expect(html(richText(zh('Remove {name} ({email})?'), { name: b, email: 'd@x.test' }))).toBe(
      '<p>移除 <b>Dana</b>（d@x.test）？</p>',
    );
  });

  it('never reads a value for placeholders, and leaves a placeholder it has no value for', () => {
    const b = createElement('b', null, 'Dana');
    expect(html(richText(zh('Remove {name} ({email})?'), { name: '{email}', email: b }))).toBe(
      '<p>移除 {email}（<b>Dana</b>）？</p>',
    );
    expect(html(richText('Hello {who}', {}))).toBe('<p>Hello {who}</p>');
  });

  it('shows nothing for a null value', () => {
    expect(html(richText('since {date} · 3 left', { date: null }))).toBe('<p>since  · 3 left</p>');
  });
});

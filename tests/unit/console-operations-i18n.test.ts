// The operations pages in the console's language: risk rules described in the operator's words
// (English exactly as before), the dashboard's ages and times as the locale writes them, and a
// diff's fixed words shown translated.
import { describe, expect, it } from 'vitest';
import { formatAge, formatDayClock, formatPercent } from '@/components/console/dashboard/format';
import { describeRule, formatDuration } from '@/components/console/risk/risk-labels';
import { tierDiff } from '@/lib/stats/adjustment-diff';
import { consoleTranslator } from '@/lib/i18n/console/catalogs';

const en = consoleTranslator('en');
const zh = consoleTranslator('zh-CN');

describe('risk rules in words', () => {
  it('describes a rule in English as before, and in Chinese', () => {
    const rate = { limit: 10, windowSeconds: 60 };
    expect(describeRule('rate_limit_device', rate, en)).toBe('Rate limit per device: 10 draws / 60 s');
    expect(describeRule('rate_limit_user', { limit: 1, windowSeconds: 3_600 }, en)).toBe(
      'Rate limit per user: 1 draw / 1 hour',
    );
    expect(describeRule('rate_limit_device', rate, zh)).toBe('按设备限流：10 次抽奖 / 60 秒');
    expect(describeRule('accounts_per_device', { max: 3 }, zh)).toBe('单设备账号数：最多 3 个');
    expect(describeRule('blacklist', {}, en)).toBe('Blacklist: listed users, devices and IPs');
    expect(describeRule('some_new_kind', {}, zh)).toBe('some_new_kind');
  });

  it('names a duration by its longest whole unit', () => {
    expect(formatDuration(3 * 86_400, en)).toBe('3 days');
    expect(formatDuration(86_400, en)).toBe('1 day');
    expect(formatDuration(120, en)).toBe('2 min');
    expect(formatDuration(90, en)).toBe('90 s');
    expect(formatDuration(7_200, zh)).toBe('2 小时');
  });
});

describe('the dashboard per locale', () => {
  const now = Date.parse('2026-12-06T12:00:00.000Z');

  it('says how old the figures are in the operator’s words', () => {
    expect(formatAge(null, now, en)).toBe('not yet');
    expect(formatAge('2026-12-06T11:59:50.000Z', now, en)).toBe('10 s ago');
    expect(formatAge('2026-12-06T11:55:00.000Z', now, zh)).toBe('5 分钟前');
    expect(formatAge('2026-12-06T09:00:00.000Z', now, zh)).toBe('3 小时前');
  });

  it('writes the activity’s times and shares as the locale does', () => {
    const iso = '2026-12-06T12:04:00.000Z';
    expect(formatDayClock(iso, 'Asia/Shanghai')).toBe('Dec 6, 20:04');
    expect(formatDayClock(iso, 'Asia/Shanghai', 'zh-CN')).toBe('12月6日 20:04');
    expect(formatPercent(0.125, 2, 'zh-CN')).toBe('12.5%');
  });

  it('translates the fixed words of a tier’s diff and leaves its figures alone', () => {
    const diff = tierDiff(
      { name: 'Gold', probability: 0.1, stock: 20, wins: 2 },
      { probability: 0.15, stock: 20 },
      0.4,
    );
    expect(diff.rows.map((r) => zh(r.field))).toEqual(['概率', '档位库存', '剩余可中奖数', '未中奖（全部档位）']);
    expect(zh(diff.rows[0]!.after)).toBe('15%');
    expect(diff.notes.map((n) => zh(n))).toEqual(['下一次抽奖即使用新概率。']);
  });
});

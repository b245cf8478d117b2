// The editor keeps translated tier and task names with their tier and task when the list is
// reordered or shortened: the spec stores them by position.
import { describe, expect, it } from 'vitest';
import { toForm, toSpec, withListChange } from '@/components/console/activities/form-model';
import type { DraftSpec } from '@/lib/activities/schemas';

const spec = {
  name: 'Wheel',
  gameplay: 'wheel',
  startsAt: '2027-01-20T00:00:00+08:00',
  endsAt: '2027-02-05T00:00:00+08:00',
  timezone: 'Asia/Shanghai',
  limits: { freeDrawsPerDay: 1 },
  tiers: ['Gold', 'Silver', 'Bronze'].map((name) => ({
    name,
    probability: 0.1,
    stock: 10,
    pacing: 'none',
    prizes: [{ prizeId: '0b6f1c2e-7d3a-4c1b-9e8f-2a4b6c8d0e1f', quantity: 1 }],
  })),
  tasks: [
    { kind: 'sign_in', name: 'Check in', chances: 1, perDay: 1 },
    { kind: 'share', name: 'Share', chances: 1, perDay: 1 },
  ],
  materials: {},
  translations: {
    'zh-CN': { tiers: [{ name: '金' }, { name: '银' }, { name: '铜' }], tasks: [{ name: '签到' }, { name: '分享' }] },
  },
} as unknown as DraftSpec;

describe('translations in the editor', () => {
  it('move with a tier that moves, leave with a tier removed, and are empty for a new one', () => {
    const f = toForm(spec);
    const [gold, silver, bronze] = f.tiers;
    const moved = withListChange(f, 'tiers', [bronze!, gold!]);
    expect(moved.translations['zh-CN']!.tiers).toEqual(['铜', '金']);
    const added = withListChange(moved, 'tiers', [...moved.tiers, { ...silver!, key: 'new' }]);
    expect(added.translations['zh-CN']!.tiers).toEqual(['铜', '金', '']);
    const out = toSpec(added) as DraftSpec;
    expect(out.translations!['zh-CN']!.tiers).toEqual([{ name: '铜' }, { name: '金' }]);
    const tasks = withListChange(f, 'tasks', [f.tasks[1]!]);
    expect(tasks.translations['zh-CN']!.tasks).toEqual(['分享']);
  });
});

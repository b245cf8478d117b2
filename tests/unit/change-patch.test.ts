// A change's patch applied to a configuration, and the patch between two configurations: what
// patchBetween finds, patchedConfig makes, whatever moved between them (fields, tiers and tasks
// added, taken out or brought back), so a restore lands on the old version's configuration.
import { describe, expect, it } from 'vitest';
import {
  diffConfigs,
  patchBetween,
  patchedConfig,
  type ChangeRecords,
  type ConfigTier,
} from '@/lib/activities/change-diff';
import { ChangePatch } from '@/lib/activities/change-schemas';
import type { ConfigSnapshot } from '@/lib/activities/config-versions';
import { configHash } from '@/lib/activities/config-versions';

const P1 = '11111111-1111-4111-8111-111111111111';
const P2 = '22222222-2222-4222-8222-222222222222';
const tier = (id: string, name: string, probability: number, stock: number, prizeId = P1): ConfigTier => ({
  id,
  name,
  probability,
  stock,
  pacing: 'none',
  prizes: [{ prizeId, quantity: 1 }],
});
const A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const C = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
const T1 = 'dddddddd-dddd-4ddd-8ddd-dddddddddddd';
const T2 = 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee';

const v1: ConfigSnapshot = {
  name: 'Spring',
  gameplay: 'wheel',
  startsAt: '2027-01-01T00:00:00+08:00',
  endsAt: '2027-01-31T00:00:00+08:00',
  timezone: 'Asia/Shanghai',
  limits: { freeDrawsPerDay: 1, maxDrawsPerDay: 10 },
  tiers: [tier(A, 'Gold', 0.1, 100), tier(B, 'Silver', 0.2, 200)],
  tasks: [{ id: T1, kind: 'sign_in', name: 'Sign in', chances: 1, perDay: 1 }],
  materials: { title: 'Spring draw', themeColor: '#112233' },
  translations: { 'zh-CN': { name: '春', tiers: [{ name: '金' }, { name: '银' }] } },
};

/** The records after v1 became v2: B and T1 taken out (B with 40 wins issued), C and T2 added. */
const records: ChangeRecords = {
  removedTiers: [{ ...tier(B, 'Silver', 0.2, 40) }],
  removedTasks: [v1.tasks[0]!],
  positions: new Map([
    [A, 0],
    [B, 1],
    [C, 2],
    [T1, 0],
    [T2, 1],
  ]),
  issued: new Map(),
};

describe('a change patch', () => {
  it('takes a tier out and adds one, its translated names following, with what it costs', () => {
    const patch = ChangePatch.parse({
      removeTiers: [B],
      tiers: [{ name: 'Bronze', probability: 0.3, stock: 50, prizes: [{ prizeId: P2 }] }],
      materials: { themeColor: null },
    });
    const next = patchedConfig(v1, patch, { ...records, removedTiers: [], removedTasks: [] });
    expect(next.tiers.map((t) => t.name)).toEqual(['Gold', 'Bronze']);
    expect(next.translations).toEqual({ 'zh-CN': { name: '春', tiers: [{ name: '金' }] } });
    expect(next.materials).toEqual({ title: 'Spring draw' });
    const held = new Map([[P1, 300]]);
    const diff = diffConfigs(v1, next, held, { ...records, removedTiers: [], issued: new Map([[B, 40]]) });
    expect(diff.scopes).toEqual(['tiers', 'materials']);
    // Silver needs its 40 issued wins only: 160 of prize 1 go back; Bronze reserves 50 of prize 2.
    expect(diff.cost).toEqual([
      { prizeId: P1, needBefore: 300, needAfter: 140, reserve: 0, release: 160 },
      { prizeId: P2, needBefore: 0, needAfter: 50, reserve: 50, release: 0 },
    ]);
  });

  it('finds the patch back to an older version, bringing back what was taken out, hash for hash', () => {
    const v2: ConfigSnapshot = {
      ...v1,
      name: 'Summer',
      endsAt: '2027-02-15T00:00:00+08:00',
      limits: { freeDrawsPerDay: 2 },
      tiers: [{ ...tier(A, 'Grand', 0.15, 120), pacing: 'even' }, tier(C, 'Bronze', 0.3, 50, P2)],
      tasks: [{ id: T2, kind: 'share', name: 'Share', chances: 2, confirmBy: 'event' }],
      materials: { title: 'Summer draw', rulesText: 'Be kind' },
      translations: { 'zh-CN': { name: '夏' } },
      claimWindowHours: 48,
    };
    const patch = patchBetween(v2, v1);
    if (patch === 'other-fields') throw new Error('expected a patch');
    expect(patch.removeTiers).toEqual([C]);
    expect(patch.removeTasks).toEqual([T2]);
    const back = patchedConfig(v2, ChangePatch.parse(patch), records);
    expect(back).toEqual(v1);
    expect(configHash(back)).toBe(configHash(v1));
  });

  it('says when two versions differ in what no change moves', () => {
    expect(patchBetween(v1, { ...v1, gameplay: 'grid' })).toBe('other-fields');
    expect(patchBetween(v1, { ...v1, tiers: [tier(A, 'Gold', 0.1, 100, P2), v1.tiers[1]!] })).toBe('other-fields');
  });

  it('refuses ids the activity never had and a tier both changed and taken out', () => {
    expect(() => patchedConfig(v1, ChangePatch.parse({ removeTiers: [C] }))).toThrow(/no tier/);
    expect(() => patchedConfig(v1, ChangePatch.parse({ removeTiers: [A], tiers: [{ id: A, stock: 1 }] }))).toThrow(
      /both changed and taken out/,
    );
    expect(() => patchedConfig(v1, ChangePatch.parse({ tasks: [{ id: T1, confirmBy: 'event' }] }))).toThrow(
      /share task/,
    );
  });
});

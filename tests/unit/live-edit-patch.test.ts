// The Edit live form's patch: only what the operator changed, in the shape of a change's patch.
import { describe, expect, it } from 'vitest';
import {
  applyPatchToModel,
  buildPatch,
  modelOf,
  type LiveActivity,
} from '@/components/console/changes/live-edit-model';

const activity: LiveActivity = {
  id: 'a1',
  name: 'Spring wheel',
  timezone: 'Asia/Shanghai',
  startsAt: '2027-01-01T00:00:00.000Z',
  endsAt: '2027-01-10T00:00:00.000Z',
  materials: { title: 'Spin!', themeColor: '#e11d48' },
  limits: { freeDrawsPerDay: 3, maxWinsPerUser: 2 },
  tiers: [
    { id: 't1', name: 'Gold', probability: 0.1, stock: 50, issued: 4, pacing: 'none' },
    { id: 't2', name: 'Silver', probability: 0.2, stock: 100, issued: 9, pacing: 'even' },
  ],
  tasks: [{ id: 'k1', kind: 'share', name: 'Share', chances: 1, perDay: 1 }],
};

describe('buildPatch', () => {
  it('is empty when nothing changed', () => {
    expect(buildPatch(activity, modelOf(activity))).toEqual({});
  });

  it('carries odds as a probability (percent typed), stock, and limits with null for a limit taken away', () => {
    const m = modelOf(activity);
    m.tiers[0]!.percent = '12.5';
    m.tiers[1]!.stock = '150';
    m.limits.maxWinsPerUser = '';
    m.limits.maxDrawsPerDay = '20';
    expect(buildPatch(activity, m)).toEqual({
      tiers: [
        { id: 't1', probability: 0.125 },
        { id: 't2', stock: 150 },
      ],
      limits: { maxDrawsPerDay: 20, maxWinsPerUser: null },
    });
  });

  it('carries materials (null removes one), the name, the period with the zone offset, tiers and tasks added and removed', () => {
    const m = modelOf(activity);
    m.name = 'Spring wheel II';
    m.materials.title = 'Spin now';
    m.materials.themeColor = '';
    m.endsAt = '2027-01-12T08:00';
    m.tiers[1]!.remove = true;
    m.tiers.push({
      name: 'Bronze',
      percent: '30',
      stock: '500',
      pacing: 'none',
      remove: false,
      prizeId: 'p1',
      quantity: '1',
    });
    m.tasks[0]!.remove = true;
    m.tasks.push({
      kind: 'sign_in',
      name: 'Daily',
      chances: '2',
      perDay: '1',
      total: '',
      eventType: '',
      remove: false,
    });
    expect(buildPatch(activity, m)).toEqual({
      name: 'Spring wheel II',
      materials: { title: 'Spin now', themeColor: null },
      endsAt: '2027-01-12T08:00:00+08:00',
      tiers: [
        {
          name: 'Bronze',
          probability: 0.3,
          stock: 500,
          prizes: [{ prizeId: 'p1', quantity: 1 }],
          pacing: 'none',
        },
      ],
      removeTiers: ['t2'],
      tasks: [{ kind: 'sign_in', name: 'Daily', chances: 2, perDay: 1 }],
      removeTasks: ['k1'],
    });
  });

  it('keeps what does not parse as typed, for the server to name the field', () => {
    const m = modelOf(activity);
    m.tiers[0]!.stock = 'lots';
    expect(buildPatch(activity, m)).toEqual({ tiers: [{ id: 't1', stock: 'lots' }] });
  });

  it("round-trips a stored change's patch into the form", () => {
    const patch = { tiers: [{ id: 't1', probability: 0.15 }], limits: { maxDrawsPerDay: 9 } };
    expect(buildPatch(activity, applyPatchToModel(modelOf(activity), patch))).toEqual(patch);
  });
});

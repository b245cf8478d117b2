// Per-field autosave on the server and its messages in the editor: each field the draft's rules
// refuse takes its saved value again (a new one is left out), the rest is kept as sent, and the
// refused paths read as the operator's words beside the field they name.
import { describe, expect, it } from 'vitest';
import { keepValidFields } from '@/lib/activities/keep-valid-fields';
import { DraftSpec } from '@/lib/activities/schemas';
import { friendly } from '@/components/console/activities/form-model';

const PRIZE = '0b6f1c2e-7d3a-4c1b-9e8f-2a4b6c8d0e1f';
const saved = DraftSpec.parse({
  name: 'Wheel',
  gameplay: 'wheel',
  startsAt: '2027-01-20T00:00:00+08:00',
  endsAt: '2027-02-05T00:00:00+08:00',
  timezone: 'Asia/Shanghai',
  limits: { freeDrawsPerDay: 1 },
  tiers: [
    { name: 'Gold', probability: 0.1, stock: 10, prizes: [{ prizeId: PRIZE }] },
    { name: 'Silver', probability: 0.2, stock: 20, prizes: [{ prizeId: PRIZE }] },
  ],
});

const keep = (given: unknown) => {
  const parsed = DraftSpec.safeParse(given);
  if (parsed.success) throw new Error('expected a refused draft');
  return {
    kept: keepValidFields(saved, given, parsed.error.issues),
    paths: parsed.error.issues.map((i) => i.path.join('.')),
  };
};

describe('keepValidFields', () => {
  it('sets a refused field back to its saved value and keeps every other edit', () => {
    const given = structuredClone(saved) as Record<string, unknown> & typeof saved;
    given.name = 'Renamed';
    (given.tiers[1] as Record<string, unknown>).stock = 'twenty';
    given.tiers[0]!.autoTune = { minProbability: 0.3, maxProbability: 0.2 };
    const { kept, paths } = keep(given);
    expect(paths.sort()).toEqual(['tiers.0.autoTune', 'tiers.1.stock']);
    expect(kept).toMatchObject({ name: 'Renamed', tiers: [{ name: 'Gold' }, { stock: 20 }] });
    expect(kept!.tiers[0]!.autoTune).toBeUndefined();
  });

  it('leaves out a new list item whose field is refused, and new optional fields that are wrong', () => {
    const given = {
      ...saved,
      fixedWinners: 500,
      tasks: [
        { kind: 'sign_in', name: 'Check in', chances: 1 },
        { kind: 'sign_in', name: '', chances: 1 },
      ],
    };
    const { kept, paths } = keep(given);
    expect(paths.sort()).toEqual(['fixedWinners', 'tasks.1.name']);
    expect(kept!.fixedWinners).toBeUndefined();
    expect(kept!.tasks).toEqual([{ kind: 'sign_in', name: 'Check in', chances: 1 }]);
  });

  it('holds back the odds when time segments take an hour past 100 %, keeping names', () => {
    const given = structuredClone(saved);
    given.tiers[0]!.name = 'Evening';
    given.tiers[0]!.segments = [{ fromHour: 20, toHour: 22, probability: 0.9 }];
    const { kept, paths } = keep(given);
    expect(paths).toEqual(['tiers']);
    expect(kept!.tiers[0]).toMatchObject({ name: 'Evening', probability: 0.1 });
    expect(kept!.tiers[0]!.segments).toBeUndefined();
  });

  it('keeps nothing from something that is not a draft at all', () => {
    expect(keep('a string').kept).toBeNull();
    expect(keep([saved]).kept).toBeNull();
  });
});

describe('friendly', () => {
  it('names the editor’s new fields in the operator’s words', () => {
    expect(friendly('tiers.0.autoTune', 'minProbability must not exceed maxProbability')).toBe(
      'The lowest odds must not be above the highest.',
    );
    expect(friendly('tiers.0.autoTune.maxProbability', 'Too big: expected number to be <=1')).toBe('At most 100 %.');
    expect(friendly('tiers.0.segments.0.probability', 'Too big: expected number to be <=1')).toBe('At most 100 %.');
    expect(friendly('fixedWinners', 'Too small: expected number to be >=1')).toBe('At least 1.');
  });
});

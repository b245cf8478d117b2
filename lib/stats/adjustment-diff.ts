// The diff previews of the dashboard's live adjustments: before → after, and what follows
// from the change, computed from what the dashboard shows. Pure, so the browser and the tests
// share it.
import type { StatusTransition } from '../activities/live-change-schemas';

export type DiffRow = { field: string; before: string; after: string; changed: boolean };
export type Diff = { rows: DiffRow[]; notes: string[]; errors: string[] };

const percent = (p: number) => `${(p * 100).toLocaleString('en-US', { maximumFractionDigits: 4 })}%`;
const count = (n: number) => n.toLocaleString('en-US');

export type TierState = { name: string; probability: number; stock: number; wins: number };

/**
 * `othersProbability`: the other tiers' odds together, so the no-win share after the change is
 * known and an impossible sum (over 100 %) is caught before anything is sent.
 */
export function tierDiff(
  before: TierState,
  after: { probability: number; stock: number },
  othersProbability: number,
): Diff {
  const micros = (p: number) => Math.round(p * 1_000_000);
  const totalAfter = micros(othersProbability) + micros(after.probability);
  const rows: DiffRow[] = [
    {
      field: 'Odds',
      before: percent(before.probability),
      after: percent(after.probability),
      changed: micros(before.probability) !== micros(after.probability),
    },
    {
      field: 'Tier stock',
      before: count(before.stock),
      after: count(after.stock),
      changed: before.stock !== after.stock,
    },
    {
      field: 'Remaining wins',
      before: count(before.stock - before.wins),
      after: count(after.stock - before.wins),
      changed: before.stock !== after.stock,
    },
    {
      field: 'No win (all tiers)',
      before: percent(1 - (micros(othersProbability) + micros(before.probability)) / 1_000_000),
      after: percent(Math.max(0, 1 - totalAfter / 1_000_000)),
      changed: micros(before.probability) !== micros(after.probability),
    },
  ];
  const errors: string[] = [];
  if (!rows.some((r) => r.changed)) errors.push('Nothing changes: enter new odds or a new stock.');
  if (totalAfter > 1_000_000)
    errors.push(`The odds of all tiers would add up to ${percent(totalAfter / 1_000_000)}, more than 100%.`);
  if (after.stock < before.wins) errors.push(`The stock cannot go below the ${count(before.wins)} wins already drawn.`);
  const notes: string[] = [];
  if (rows[0]!.changed) notes.push('The next draw uses the new odds.');
  if (rows[1]!.changed) notes.push('Prize pools still cap wins: raising tier stock does not add prizes.');
  return { rows, notes, errors };
}

const nextStatus: Record<StatusTransition, string> = { pause: 'PAUSED', resume: 'LIVE', end: 'ENDED' };
const statusName: Record<string, string> = {
  DRAFT: 'Draft',
  SCHEDULED: 'Scheduled',
  LIVE: 'Live',
  PAUSED: 'Paused',
  ENDED: 'Ended',
};

export function statusDiff(status: string, transition: StatusTransition): Diff {
  const notes: Record<StatusTransition, string[]> = {
    pause: [
      'Draws are refused with ACTIVITY_NOT_LIVE until the activity is resumed.',
      'Chances, stock and wins are kept.',
    ],
    resume: ['Draws are accepted again at once (SCHEDULED instead if the period has not started).'],
    end: [
      'Draws stop for good: an ended activity cannot be resumed.',
      'Unused stock returns to the prizes\u2019 total pools.',
    ],
  };
  return {
    rows: [
      {
        field: 'Status',
        before: statusName[status] ?? status,
        after: statusName[nextStatus[transition]]!,
        changed: true,
      },
    ],
    notes: notes[transition],
    errors: [],
  };
}

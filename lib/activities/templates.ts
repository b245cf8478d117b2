// Built-in starting points for a new activity: each a valid draft whose tiers await the
// operator's prizes (the publish checklist asks for them). Periods start the next local
// midnight in the tenant's chosen zone.
import { z } from 'zod';
import type { DraftSpec } from './schemas';
import { fromZonedInput } from './zoned-time';

export const TemplateId = z.enum(['daily-check-in-wheel', 'festival-grid', 'scratch-fixed-winners']);
export type TemplateId = z.infer<typeof TemplateId>;

export type ActivityTemplate = {
  id: TemplateId;
  name: string;
  description: string;
  days: number;
  spec: Omit<DraftSpec, 'startsAt' | 'endsAt' | 'timezone'>;
};

export const ACTIVITY_TEMPLATES: readonly ActivityTemplate[] = [
  {
    id: 'daily-check-in-wheel',
    name: 'Daily check-in wheel',
    description: 'A wheel with one free spin a day, an extra one for checking in and one for a confirmed share.',
    days: 14,
    spec: {
      name: 'Daily check-in wheel',
      gameplay: 'wheel',
      limits: { freeDrawsPerDay: 1, maxDrawsPerDay: 3 },
      tiers: [
        { name: 'Grand prize', probability: 0.002, stock: 10, pacing: 'even', prizes: [] },
        { name: 'Coupon', probability: 0.1, stock: 1_000, pacing: 'none', prizes: [] },
        { name: 'Points', probability: 0.3, stock: 10_000, pacing: 'none', prizes: [] },
      ],
      tasks: [
        { kind: 'sign_in', name: 'Daily check-in', chances: 1, perDay: 1 },
        { kind: 'share', name: 'Share with a friend', chances: 1, perDay: 1, confirmBy: 'event' },
      ],
      materials: { title: 'Spin every day', themeColor: '#e11d48' },
    },
  },
  {
    id: 'festival-grid',
    name: 'Festival grid with an evening peak',
    description: 'A 9-grid over a festival week whose top prize pays more from 20:00 to 22:00, released evenly.',
    days: 7,
    spec: {
      name: 'Festival grid',
      gameplay: 'grid',
      limits: { freeDrawsPerDay: 2 },
      tiers: [
        {
          name: 'Festival prize',
          probability: 0.01,
          stock: 50,
          pacing: 'even',
          prizes: [],
          segments: [{ fromHour: 20, toHour: 22, probability: 0.05 }],
        },
        { name: 'Red envelope', probability: 0.2, stock: 5_000, pacing: 'none', prizes: [] },
      ],
      tasks: [{ kind: 'invite', name: 'Invite a friend', chances: 1, perDay: 3 }],
      materials: { title: 'Festival draw', themeColor: '#dc2626' },
    },
  },
  {
    id: 'scratch-fixed-winners',
    name: 'Scratch card with fixed winners',
    description: 'Scratch cards with small instant wins; ten winners of the first tier are drawn when it ends.',
    days: 7,
    spec: {
      name: 'Scratch card',
      gameplay: 'scratch',
      limits: { freeDrawsPerDay: 1 },
      tiers: [
        { name: 'Lucky winner', probability: 0, stock: 10, pacing: 'none', prizes: [] },
        { name: 'Thank-you coupon', probability: 0.05, stock: 2_000, pacing: 'none', prizes: [] },
      ],
      tasks: [],
      fixedWinners: 10,
      claimWindowHours: 72,
      materials: { title: 'Scratch and win', themeColor: '#7c3aed' },
    },
  },
];

/** A template's draft in `timezone`, from the next local midnight after `now` for the template's days. */
export function templateDraft(id: TemplateId, timezone: string, now: number): DraftSpec {
  const template = ACTIVITY_TEMPLATES.find((t) => t.id === id)!;
  return { ...structuredClone(template.spec), ...templatePeriod(template.days, timezone, now) };
}

/** `days` in `timezone` from the next local midnight after `now`: a new draft's period from a template. */
export function templatePeriod(days: number, timezone: string, now: number) {
  const day = (offset: number) => new Date(now + offset * 86_400_000).toISOString().slice(0, 10);
  return {
    timezone,
    startsAt: fromZonedInput(`${day(1)}T00:00`, timezone)!,
    endsAt: fromZonedInput(`${day(1 + days)}T00:00`, timezone)!,
  };
}

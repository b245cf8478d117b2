// The console's publish checklist: what publishing would refuse, grouped as an operator reads
// it. The rules are publishActivity's own (publishBlockers) plus the stock it would reserve.
import { db } from '../db';
import type { ActivityRow } from './activity-dto';
import { publishBlockers } from './publish-activity';

export type ChecklistItem = { id: 'period' | 'tiers' | 'stock'; label: string; problems: string[] };

export async function publishChecklist(tenantId: string, a: ActivityRow, now = Date.now()): Promise<ChecklistItem[]> {
  const blockers = publishBlockers(a, now);
  const need = new Map<string, number>();
  for (const t of a.tiers)
    for (const p of t.prizes) need.set(p.prizeId, (need.get(p.prizeId) ?? 0) + t.stock * p.quantity);
  const prizes = await db.prize.findMany({
    where: { tenantId, id: { in: [...need.keys()] } },
    select: { id: true, name: true, availableStock: true },
  });
  const stockProblems = prizes
    .filter((p) => p.availableStock < need.get(p.id)!)
    .map((p) => `"${p.name}": ${need.get(p.id)} needed, ${p.availableStock} available`);
  return [
    {
      id: 'period',
      label: 'The period ends in the future',
      problems: blockers.filter((b) => b.path === 'endsAt').map((b) => b.message),
    },
    {
      id: 'tiers',
      label: 'Every tier awards a prize and the odds add up to at most 100 %',
      problems: blockers.filter((b) => b.path === 'tiers').map((b) => b.message),
    },
    { id: 'stock', label: 'The prizes have the stock the tiers need', problems: stockProblems },
  ];
}

// What a live adjustment answers to the dashboard: the activity's status and tiers after it.
import type { ActivityDto } from '../activities/activity-dto';

export type DashboardActivityView = {
  id: string;
  status: string;
  tiers: { id: string; name: string; probability: number; stock: number }[];
};

export function toActivityView(a: ActivityDto): DashboardActivityView {
  return {
    id: a.id,
    status: a.status,
    tiers: a.tiers.map((t) => ({ id: t.id, name: t.name, probability: t.probability, stock: t.stock })),
  };
}

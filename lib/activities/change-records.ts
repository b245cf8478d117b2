// What a change is checked and applied against beside the configuration in force: the tiers and
// tasks taken out before (a change may bring one back by id, and a tier taken out still needs the
// units of the wins it issued), where each row sits, and each tier's wins written back so far.
import type { Prisma } from '@/generated/prisma/client';
import { activitySelect, type ActivityRow } from './activity-dto';
import type { ChangeRecords } from './change-diff';
import { configSnapshot } from './config-versions';

type Client = Pick<Prisma.TransactionClient, 'tier' | 'task'>;

export async function loadChangeRecords(client: Client, row: ActivityRow): Promise<ChangeRecords> {
  const [tiers, tasks] = await Promise.all([
    client.tier.findMany({
      where: { activityId: row.id },
      select: { ...activitySelect.tiers.select, removedAt: true },
      orderBy: { position: 'asc' },
    }),
    client.task.findMany({
      where: { activityId: row.id },
      select: { ...activitySelect.tasks.select, position: true, removedAt: true },
      orderBy: { position: 'asc' },
    }),
  ]);
  const removedTiers = tiers.filter((t) => t.removedAt !== null);
  const removedTasks = tasks.filter((t) => t.removedAt !== null);
  // The rows taken out, written as the configuration writes a tier and a task.
  const removed = configSnapshot({ ...row, tiers: removedTiers, tasks: removedTasks });
  return {
    removedTiers: removed.tiers,
    removedTasks: removed.tasks,
    positions: new Map([...tiers, ...tasks].map((t) => [t.id, t.position])),
    issued: new Map(tiers.map((t) => [t.id, t.issued])),
  };
}

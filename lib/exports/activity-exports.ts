// An activity's draws and participation as CSV, streamed page by page (keyset on the rows' own
// order) so a campaign of millions of draws never sits in memory. Same writer and formula
// guard as the winners' CSV (lib/http/csv.ts).
import { getActivityRowOrThrow } from '../activities/get-activity';
import { db } from '../db';
import { csvRow } from '../http/csv';

const PAGE = 1_000;
const BOM = '\uFEFF';

export async function* drawsCsv(tenantId: string, activityId: string, pageSize = PAGE): AsyncGenerator<string> {
  const activity = await getActivityRowOrThrow(tenantId, activityId);
  const tierNames = new Map(activity.tiers.map((t) => [t.id, t.name]));
  yield BOM + csvRow(['drawId', 'drawnAt', 'userId', 'outcome', 'tier', 'chance', 'configVersion', 'riskAction']);
  let after: { createdAt: Date; id: string } | null = null;
  for (;;) {
    const rows: {
      id: string;
      createdAt: Date;
      userId: string;
      outcome: string;
      tierId: string | null;
      chanceKind: string;
      configVersion: number | null;
      riskAction: string | null;
    }[] = await db.draw.findMany({
      where: {
        activityId: activity.id,
        tenantId,
        ...(after
          ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] }
          : {}),
      },
      select: {
        id: true,
        createdAt: true,
        userId: true,
        outcome: true,
        tierId: true,
        chanceKind: true,
        configVersion: true,
        riskAction: true,
      },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: pageSize,
    });
    if (rows.length === 0) return;
    yield rows
      .map((d) =>
        csvRow([
          d.id,
          d.createdAt.toISOString(),
          d.userId,
          d.outcome,
          d.tierId ? (tierNames.get(d.tierId) ?? d.tierId) : null,
          d.chanceKind,
          d.configVersion,
          d.riskAction,
        ]),
      )
      .join('');
    const last = rows[rows.length - 1]!;
    after = { createdAt: last.createdAt, id: last.id };
  }
}

export async function* participationCsv(tenantId: string, activityId: string, pageSize = PAGE): AsyncGenerator<string> {
  const activity = await getActivityRowOrThrow(tenantId, activityId);
  yield BOM + csvRow(['userId', 'draws', 'wins', 'chancesEarned', 'firstDrawAt', 'lastDrawAt']);
  let after: string | null = null;
  for (;;) {
    const rows: { userId: string; draws: number; wins: number; firstDrawAt: Date; lastDrawAt: Date }[] =
      await db.participation.findMany({
        where: { activityId: activity.id, tenantId, ...(after !== null ? { userId: { gt: after } } : {}) },
        select: { userId: true, draws: true, wins: true, firstDrawAt: true, lastDrawAt: true },
        orderBy: { userId: 'asc' },
        take: pageSize,
      });
    if (rows.length === 0) return;
    const earned = await db.chanceGrant.groupBy({
      by: ['userId'],
      where: { activityId: activity.id, userId: { in: rows.map((r) => r.userId) } },
      _sum: { chances: true },
    });
    const earnedBy = new Map(earned.map((e) => [e.userId, e._sum.chances ?? 0]));
    yield rows
      .map((p) =>
        csvRow([
          p.userId,
          p.draws,
          p.wins,
          earnedBy.get(p.userId) ?? 0,
          p.firstDrawAt.toISOString(),
          p.lastDrawAt.toISOString(),
        ]),
      )
      .join('');
    after = rows[rows.length - 1]!.userId;
  }
}

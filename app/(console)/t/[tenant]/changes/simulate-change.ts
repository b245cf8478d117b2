// The simulator on a proposed configuration beside the one in force: the same random draws and
// the same traffic shape through both, so what differs is the change alone.
import 'server-only';
import { randomInt } from 'node:crypto';
import type { ActivityRow } from '@/lib/activities/activity-dto';
import { diffConfigs, patchedConfig } from '@/lib/activities/change-diff';
import type { ChangePatch } from '@/lib/activities/change-schemas';
import { configSnapshot } from '@/lib/activities/config-versions';
import { getActivityRowOrThrow } from '@/lib/activities/get-activity';
import { toMicros } from '@/lib/activities/schemas';
import { simulateActivity, type Simulation, type SimulationInput } from '@/lib/activities/simulate-activity';
import { PROBABILITY_SCALE } from '@/lib/draw/probability-scale';

export type ChangeSimulation = { current: Simulation; proposed: Simulation };

export async function simulateChange(
  tenantId: string,
  { activityId, patch, input }: { activityId: string; patch: ChangePatch; input: SimulationInput },
): Promise<ChangeSimulation> {
  const row = await getActivityRowOrThrow(tenantId, activityId);
  const proposed = proposedRow(row, patch);
  const draws = input.draws ?? input.users! * input.drawsPerUser!;
  const randoms = Array.from({ length: draws }, () => randomInt(0, PROBABILITY_SCALE));
  const now = Date.now();
  const replay = () => {
    let i = 0;
    return () => randoms[i++]!;
  };
  const [current, next] = await Promise.all([
    simulateActivity(tenantId, activityId, input, { random: replay(), now }),
    simulateActivity(tenantId, activityId, input, { random: replay(), now, override: () => proposed }),
  ]);
  return { current, proposed: next };
}

/**
 * The activity as the patch would leave it: the tiers' odds, stock and names, the period, and the
 * pools with what applying the change would reserve or release.
 */
function proposedRow(row: ActivityRow, patch: ChangePatch): ActivityRow {
  const base = configSnapshot(row);
  const next = patchedConfig(base, patch);
  const pools = new Map(row.stocks.map((s) => [s.prizeId, s.reserved - s.returned]));
  const { cost } = diffConfigs(base, next, pools);
  const byId = new Map(next.tiers.map((t) => [t.id, t]));
  return {
    ...row,
    name: next.name,
    startsAt: new Date(next.startsAt),
    endsAt: new Date(next.endsAt),
    // Tiers a patch adds have no row yet; the simulation runs the tiers that exist.
    tiers: row.tiers.flatMap((t) => {
      const n = byId.get(t.id);
      return n ? [{ ...t, name: n.name, probabilityMicros: toMicros(n.probability), stock: n.stock }] : [];
    }),
    stocks: row.stocks.map((s) => {
      const c = cost.find((x) => x.prizeId === s.prizeId);
      return c ? { ...s, reserved: s.reserved + c.reserve - c.release } : s;
    }),
  };
}

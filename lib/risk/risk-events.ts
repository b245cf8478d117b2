// Every risk hit is a RiskEvent row (the dashboard shows them). A bot farm can hit thousands
// of times a second, so events are buffered and written in batches, never one INSERT per hit
// on the draw's path.
import { db } from '../db';
import { errorFields, log } from '../log';
import { requestRedis } from '../redis';
import { markDirty, STATS_PASSES } from '../workers/dirty-activities';

export type RiskEventInput = {
  tenantId: string;
  activityId: string;
  ruleId: string | null;
  kind: string;
  action: string;
  userId: string | null;
  deviceId: string | null;
  ip: string | null;
  drawId?: string;
  detail?: Record<string, unknown>;
};

const FLUSH_MS = 250;
const MAX_BUFFER = 500;
const MAX_BACKLOG = 50_000;

const state = globalThis as unknown as {
  lotteryRiskEvents?: { buffer: RiskEventInput[]; timer: NodeJS.Timeout | null; flushing: Promise<void> | null };
};
const events = (state.lotteryRiskEvents ??= { buffer: [], timer: null, flushing: null });

export function recordRiskEvent(e: RiskEventInput) {
  // Under a flood the oldest unsent events give way rather than the process's memory.
  if (events.buffer.length >= MAX_BACKLOG) events.buffer.shift();
  events.buffer.push(e);
  if (events.buffer.length >= MAX_BUFFER) void flushRiskEvents();
  else events.timer ??= setTimeout(() => void flushRiskEvents(), FLUSH_MS);
}

/** Writes what is buffered; resolves once it is in PostgreSQL. */
export async function flushRiskEvents(): Promise<void> {
  if (events.timer) {
    clearTimeout(events.timer);
    events.timer = null;
  }
  while (events.flushing) await events.flushing;
  if (events.buffer.length === 0) return;
  const batch = events.buffer.splice(0, events.buffer.length);
  events.flushing = db.riskEvent
    .createMany({
      data: batch.map((e) => ({
        tenantId: e.tenantId,
        activityId: e.activityId,
        ruleId: e.ruleId,
        kind: e.kind as 'BLACKLIST',
        action: e.action as 'BLOCK',
        userId: e.userId,
        deviceId: e.deviceId,
        ip: e.ip,
        drawId: e.drawId ?? null,
        detail: (e.detail ?? {}) as object,
      })),
    })
    .then(
      // The dashboard counts risk events per minute; a lost mark waits for the full pass.
      () => markStats([...new Set(batch.map((e) => e.activityId))]),
      (err: unknown) => log.error('risk events not written', { count: batch.length, ...errorFields(err) }),
    )
    .finally(() => {
      events.flushing = null;
    });
  await events.flushing;
}

async function markStats(activityIds: string[]): Promise<void> {
  try {
    await markDirty(await requestRedis(), activityIds, STATS_PASSES);
  } catch (err) {
    log.warn('risk events: statistics not marked', errorFields(err));
  }
}

// A draw-log entry set aside (lib/draw/quarantine-refused-draw.ts) becomes one open Alert per
// activity, brought up to date (and reopened) by every new entry, so an operator sees that
// records were refused and how many. CRITICAL when an entry's draw could not be taken back
// in Redis: then reconciliation may report the units Redis still counts for it.
import { db } from '../db';
import { log } from '../log';

export type QuarantinedEntry = {
  streamEntry: string;
  drawId: string | null;
  sqlState: string | null;
  error: string;
  canTakeBack: boolean;
};

export async function raiseQuarantineAlert(tenantId: string, activityId: string, entry: QuarantinedEntry) {
  const dedupeKey = `draw-log-quarantine:${activityId}`;
  const [quarantined, open] = await Promise.all([
    db.drawLogQuarantine.count({ where: { activityId } }),
    db.alert.findFirst({ where: { dedupeKey, acknowledgedAt: null }, select: { severity: true } }),
  ]);
  const severity = !entry.canTakeBack || open?.severity === 'CRITICAL' ? 'CRITICAL' : 'WARNING';
  const noun = quarantined === 1 ? 'entry' : 'entries';
  const message = `${quarantined} draw-log ${noun} could not be written, quarantined; the latest: ${entry.error}`;
  const details = { quarantined, latest: entry };
  await db.alert.upsert({
    where: { dedupeKey },
    update: {
      ...{ acknowledgedAt: null, acknowledgedBy: null, severity, message, details },
      ...(open ? {} : { createdAt: new Date() }),
    },
    create: { tenantId, activityId, dedupeKey, kind: 'draw-log.quarantine', severity, message, details },
  });
  log.error('draw-log entry quarantined', { tenantId, activityId, ...entry });
}

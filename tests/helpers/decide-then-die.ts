// A stand-in web process that dies right after the Lua step of a draw, before its group
// commit: run with tsx, it prints the draw id and then SIGKILLs itself.
// argv: <tenantId> <tenantSlug> <activityId> <userId>
import { randomUUID } from 'node:crypto';
import { activityMeta } from '../../lib/draw/activity-state';
import { decideDraw } from '../../lib/draw/execute-draw';
import { localDay } from '../../lib/draw/local-day';
import { requestRedis } from '../../lib/redis';

const [tenantId, tenantSlug, activityId, userId] = process.argv.slice(2) as [string, string, string, string];
const redis = await requestRedis();
const meta = await activityMeta(redis, activityId);
const now = Date.now();
const decided = await decideDraw({
  redis,
  activityId,
  meta: meta!,
  user: { tenantId, tenantSlug, userId },
  key: randomUUID(),
  day: localDay(meta!.timezone, now),
  now,
});
if (decided.kind !== 'ok') throw new Error(`unexpected ${JSON.stringify(decided)}`);
process.stdout.write(`${decided.record.d}\n`, () => process.kill(process.pid, 'SIGKILL'));

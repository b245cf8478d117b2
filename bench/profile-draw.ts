// Where does a draw's time go? Lua alone vs Lua + group commit, in-process (diagnostic, not a benchmark).
// SIDE=plain draws an activity without a fairness seed (crypto's random number, no proof), as
// bench/fairness-ab.ts's plain side; run under `node --cpu-prof` to compare fair and plain draws.
import { randomUUID } from 'node:crypto';
import { applyBenchEnvironment, cleanUpBench, closedLoop, createBenchActivity } from './lib/harness';

applyBenchEnvironment();
const SECONDS = 5;

async function main() {
  const { requestRedis } = await import('../lib/redis');
  const { executeDraw, decideDraw } = await import('../lib/draw/execute-draw');
  const { activityMeta } = await import('../lib/draw/activity-state');
  const { drawKeys } = await import('../lib/draw/keys');
  const { db } = await import('../lib/db');
  const { forgetActiveSeed } = await import('../lib/fairness/activity-seeds');
  const { tenant, activity } = await createBenchActivity((process.env.ODDS ?? '0.2').split(',').map(Number));
  const rr = await requestRedis();
  if (process.env.SIDE === 'plain') {
    await db.activitySeed.deleteMany({ where: { activityId: activity.id } });
    await rr.hset(drawKeys(activity.id).cfg, 'seed', '');
    forgetActiveSeed(activity.id);
  }
  const meta = (await activityMeta(rr, activity.id))!;
  for (const inflight of (process.env.INFLIGHT ?? '50,200').split(',').map(Number)) {
    for (const mode of (process.env.MODES ?? 'lua,full').split(',') as ('lua' | 'full')[]) {
      const { perSecond } = await closedLoop(inflight, SECONDS, (i) => {
        const user = { tenantId: tenant.id, tenantSlug: tenant.slug, userId: `${mode}${inflight}-${i % 2000}` };
        return mode === 'lua'
          ? decideDraw({
              redis: rr,
              activityId: activity.id,
              meta,
              user,
              key: randomUUID(),
              day: '2026-01-01',
              now: Date.now(),
            })
          : executeDraw(user, activity.id, randomUUID());
      });
      console.log(`${mode} inflight=${inflight}: ${perSecond.toFixed(0)}/s`);
    }
  }
  await cleanUpBench();
}
main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);

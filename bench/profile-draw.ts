// Where does a draw's time go? Lua alone vs Lua + group commit, in-process (diagnostic, not a benchmark).
import { randomUUID } from 'node:crypto';
import { applyBenchEnvironment, cleanUpBench, createBenchActivity } from './lib/harness';

applyBenchEnvironment();
const SECONDS = 5;

async function main() {
  const { requestRedis } = await import('../lib/redis');
  const { executeDraw, decideDraw } = await import('../lib/draw/execute-draw');
  const { activityMeta } = await import('../lib/draw/activity-state');
  const { tenant, activity } = await createBenchActivity([0.2]);
  const rr = await requestRedis();
  const meta = (await activityMeta(rr, activity.id))!;
  for (const inflight of (process.env.INFLIGHT ?? '50,200').split(',').map(Number)) {
    for (const mode of (process.env.MODES ?? 'lua,full').split(',') as ('lua' | 'full')[]) {
      let n = 0;
      const until = Date.now() + SECONDS * 1000;
      const t0 = performance.now();
      await Promise.all(Array.from({ length: inflight }, async (_, w) => {
        for (let i = w; Date.now() < until; i += inflight) {
          const user = { tenantId: tenant.id, tenantSlug: tenant.slug, userId: `${mode}${inflight}-${i % 2000}` };
          if (mode === 'lua') await decideDraw(rr, activity.id, meta, user, randomUUID(), '2026-01-01', Date.now());
          else await executeDraw(user, activity.id, randomUUID());
          n++;
        }
      }));
      console.log(`${mode} inflight=${inflight}: ${(n / ((performance.now() - t0) / 1000)).toFixed(0)}/s`);
    }
  }
  await cleanUpBench();
}
main().then(() => process.exit(0), (e: unknown) => { console.error(e); process.exit(1); });

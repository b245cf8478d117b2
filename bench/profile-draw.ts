// Where does a draw's time go? Lua alone vs Lua + group commit, in-process (diagnostic, not a benchmark).
import { randomUUID } from 'node:crypto';
import { applyBenchEnvironment, cleanUpBench, runId } from './lib/harness';

applyBenchEnvironment();
const SECONDS = 5;

async function main() {
  const { config } = await import('../lib/config');
  const { applyMigrations, ensureDatabase } = await import('../lib/migrations/apply-migrations');
  await ensureDatabase(config().DATABASE_URL);
  await applyMigrations(config().DATABASE_URL);
  const { createRedis, requestRedis } = await import('../lib/redis');
  const { ensureTenant } = await import('../lib/tenancy/ensure-tenant');
  const { createPrize } = await import('../lib/prizes/create-prize');
  const { createActivity } = await import('../lib/activities/create-activity');
  const { publishActivity } = await import('../lib/activities/publish-activity');
  const { executeDraw, decideDraw } = await import('../lib/draw/execute-draw');
  const { activityMeta } = await import('../lib/draw/activity-state');
  const redis = createRedis('worker');
  const actor = { type: 'SYSTEM', id: 'bench' } as const;
  const tenant = await ensureTenant(`bench-${runId}`);
  const prize = await createPrize(tenant.id, actor, { name: 'P', kind: 'points', stock: 10_000_000 });
  const now = Date.now();
  const activity = await createActivity(tenant.id, actor, {
    name: 'Bench', gameplay: 'wheel', timezone: 'UTC', startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 86400_000).toISOString(),
    limits: { freeDrawsPerDay: 1_000 }, tasks: [], materials: {},
    tiers: [{ name: 'T', probability: 0.2, stock: 3_000_000, pacing: 'none', prizes: [{ prizeId: prize.id, quantity: 1 }] }],
  });
  await publishActivity(tenant.id, actor, activity.id, { redis });
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
  await redis.quit();
  await cleanUpBench();
}
main().then(() => process.exit(0), (e: unknown) => { console.error(e); process.exit(1); });

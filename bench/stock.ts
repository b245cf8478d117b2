// npm run bench:stock — draw throughput while a live stock change runs every 100 ms, against
// the same without, measured in one run:
//   RATIO draw_with_live_restock_vs_plain   draws/s with the change loop ÷ draws/s without
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { applyBenchEnvironment, cleanUpBench, closedLoop, createBenchActivity } from './lib/harness';

applyBenchEnvironment();
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const IN_FLIGHT = 50;
const USERS = 2_000;

async function main() {
  const { executeDraw } = await import('../lib/draw/execute-draw');
  const { changePoolStock } = await import('../lib/inventory/change-pool-stock');

  try {
    const {
      tenant,
      prizes: [prize],
      activity,
      actor,
    } = await createBenchActivity([0.2]);
    const drawFor = async (label: string) =>
      (
        await closedLoop(IN_FLIGHT, SECONDS, (i) =>
          executeDraw(
            { tenantId: tenant.id, tenantSlug: tenant.slug, userId: `${label}-${i % USERS}` },
            activity.id,
            randomUUID(),
          ),
        )
      ).perSecond;

    let changes = 0;
    const withChanges = async (label: string) => {
      let stop = false;
      const loop = (async () => {
        for (let i = 0; !stop; i++) {
          await changePoolStock(tenant.id, actor, activity.id, {
            prizeId: prize!.id,
            quantity: i % 2 ? -10 : 10,
            reason: 'bench',
          });
          changes++;
          await sleep(100);
        }
      })();
      const rate = await drawFor(label);
      stop = true;
      await loop;
      return rate;
    };

    await drawFor('warmup');
    // Interleaved A B B A, so a slow drift of the machine (or of the growing tables) weighs on
    // both sides equally.
    const plainRates = [await drawFor('plain1')];
    const restockRates = [await withChanges('restock1'), await withChanges('restock2')];
    plainRates.push(await drawFor('plain2'));
    const plain = (plainRates[0]! + plainRates[1]!) / 2;
    const withRestock = (restockRates[0]! + restockRates[1]!) / 2;

    console.log(
      `draws/s without changes: ${plain.toFixed(0)}   with a change every 100 ms: ${withRestock.toFixed(0)}   (${changes} changes, ${IN_FLIGHT} draws in flight, A B B A, ${SECONDS} s each)`,
    );
    console.log(`RATIO draw_with_live_restock_vs_plain=${(withRestock / plain).toFixed(3)}`);
  } finally {
    await cleanUpBench();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);

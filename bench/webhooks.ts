// npm run bench:webhooks — how long after an instant win the host app has its signed win.created:
// draws made one after another in this process, each win's webhook sent by the workers process to a
// receiver on 127.0.0.1, timed from the draw's answer to the receiver's arrival. Baseline, in the
// same run: a plain POST of the same body to the same receiver, round trip.
//   LATENCY webhook_delivery_p50_ms   draw answered → webhook received, median
//   LATENCY webhook_plain_post_p50_ms a local POST round trip, median
//   RATIO webhook_delivery_vs_plain_post   the two medians
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { applyBenchEnvironment, cleanUpBench, createBenchActivity } from './lib/harness';

applyBenchEnvironment();
process.env.WEBHOOK_ALLOW_PRIVATE = '1';
const DRAWS = Number(process.env.BENCH_WEBHOOKS ?? 200);
const GAP_MS = 20;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : NaN;
};

async function main() {
  const arrivedAt = new Map<string, number>();
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c));
    req.on('end', () => {
      const t = performance.timeOrigin + performance.now();
      try {
        const winId = (JSON.parse(body) as { data?: { winId?: string } }).data?.winId;
        if (winId && !arrivedAt.has(winId)) arrivedAt.set(winId, t);
      } catch {
        // the baseline's body is not an event
      }
      res.end('ok');
    });
  });
  receiver.listen(0, '127.0.0.1');
  await once(receiver, 'listening');
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;

  const workers = spawn(process.execPath, ['--import', 'tsx', 'workers/index.ts'], {
    env: { ...process.env },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  try {
    const { tenant, activity } = await createBenchActivity([1]);
    const { db } = await import('../lib/db');
    const { executeDraw } = await import('../lib/draw/execute-draw');
    await db.webhookEndpoint.create({
      data: { tenantId: tenant.id, url, events: ['win.created'], secret: 'bench-secret' },
    });
    const draw = (userId: string) =>
      executeDraw({ tenantId: tenant.id, tenantSlug: tenant.slug, userId }, activity.id, randomUUID());

    // Warm up until the workers answer: the first webhook arrives.
    const warm = await draw('warm');
    for (let i = 0; i < 600 && !arrivedAt.has(warm.winIds[0]!); i++) await sleep(100);
    if (!arrivedAt.has(warm.winIds[0]!)) throw new Error('the workers sent no webhook within 60 s');

    const answeredAt = new Map<string, number>();
    for (let i = 0; i < DRAWS; i++) {
      const r = await draw(`u${i}`);
      answeredAt.set(r.winIds[0]!, performance.timeOrigin + performance.now());
      await sleep(GAP_MS);
    }
    for (let i = 0; i < 300 && [...answeredAt.keys()].some((id) => !arrivedAt.has(id)); i++) await sleep(100);
    const delays = [...answeredAt].flatMap(([id, t]) => (arrivedAt.has(id) ? [arrivedAt.get(id)! - t] : []));

    const body = JSON.stringify({ id: randomUUID(), type: 'bench', data: {} });
    const plain: number[] = [];
    for (let i = 0; i < DRAWS; i++) {
      const started = performance.now();
      await new Promise<void>((resolve, reject) => {
        const req = request(
          url,
          { method: 'POST', headers: { 'content-type': 'application/json' }, agent: false },
          (res) => {
            res.resume();
            res.on('end', () => resolve());
          },
        );
        req.on('error', reject);
        req.end(body);
      });
      plain.push(performance.now() - started);
    }

    const p50 = median(delays);
    const base = median(plain);
    console.log(`webhooks received: ${delays.length} of ${DRAWS}`);
    console.log(`LATENCY webhook_delivery_p50_ms=${p50.toFixed(1)}`);
    console.log(
      `LATENCY webhook_delivery_p99_ms=${[...delays].sort((a, b) => a - b)[Math.floor(delays.length * 0.99)]?.toFixed(1)}`,
    );
    console.log(`LATENCY webhook_plain_post_p50_ms=${base.toFixed(2)}`);
    console.log(`RATIO webhook_delivery_vs_plain_post=${(p50 / base).toFixed(1)}`);
  } finally {
    try {
      process.kill(-workers.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
    receiver.close();
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

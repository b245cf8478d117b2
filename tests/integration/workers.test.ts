import { spawn } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { signBody } from '@/lib/auth/hmac-signature';
import { eventIdFor } from '@/lib/webhooks/emit-event';
import { emitWinCreated } from '@/lib/webhooks/emit-win-created';
import { createRedis, deleteKeysWithPrefix } from '@/lib/redis';
import { freshTenant } from '../helpers/fixtures';
import { addWebhookEndpoint } from '../helpers/hook-receiver';
import { createWinFixture } from '../helpers/wins';

const redis = createRedis('worker');
afterAll(() => redis.quit());

describe('workers/index.ts', () => {
  it('beats a heartbeat, delivers a signed webhook, and on SIGTERM finishes the job in hand', async () => {
    const received: { headers: http.IncomingHttpHeaders; body: string; answeredAt?: number }[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c));
      req.on('end', () => {
        const entry: (typeof received)[number] = { headers: req.headers, body };
        received.push(entry);
        // Slow on purpose: the worker gets SIGTERM while it waits for this answer.
        setTimeout(() => {
          entry.answeredAt = Date.now();
          res.writeHead(204).end();
        }, 1_500);
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;

    const t = await freshTenant();
    // win.created only: the workers' own passes may raise alerts about the fixture (no hot state).
    const endpoint = await addWebhookEndpoint(t.id, `http://127.0.0.1:${port}/hooks`, { events: ['win.created'] });
    const { win } = await createWinFixture(t.id);

    // Its own prefix, so this worker's heartbeat does not make other tests' health checks pass.
    const prefix = `${process.env.REDIS_PREFIX}w${process.pid}`;
    const child = spawn(process.execPath, ['--import', 'tsx', 'workers/index.ts'], {
      env: { ...process.env, REDIS_PREFIX: prefix, LOG_LEVEL: 'info', WEBHOOK_ALLOW_PRIVATE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c));
    child.stderr.on('data', (c: Buffer) => (output += c));
    try {
      for (let i = 0; i < 120 && (await redis.zcard(`${prefix}:workers:heartbeats`)) === 0; i++) await sleep(250);
      expect(await redis.zcard(`${prefix}:workers:heartbeats`), output).toBe(1);

      // Emitted once the workers run: their sweep would otherwise send it before the job below.
      const [deliveryId] = await db.$transaction((tx) => emitWinCreated(tx, t.id, [win.id]));
      const queue = new Queue('deliveries', { connection: createRedis('worker'), prefix: `${prefix}:bull` });
      const job = await queue.add('deliveries', { deliveryId: deliveryId! });
      for (let i = 0; i < 300 && received.length === 0; i++) await sleep(100);
      expect(received).toHaveLength(1);

      const sigtermAt = Date.now();
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      expect(code, output).toBe(0);
      expect(received[0]!.answeredAt).toBeGreaterThan(sigtermAt);
      expect(await job.getState()).toBe('completed');
      expect(await redis.zcard(`${prefix}:workers:heartbeats`)).toBe(0);

      const { headers, body } = received[0]!;
      expect(headers['x-tenant']).toBe(t.slug);
      expect(headers['x-event-id']).toBe(eventIdFor('win.created', win.id));
      expect(headers['x-signature']).toBe(signBody(endpoint.secret, Number(headers['x-timestamp']), body));
      expect(JSON.parse(body)).toMatchObject({
        id: eventIdFor('win.created', win.id),
        type: 'win.created',
        tenant: t.slug,
        data: { winId: win.id, userId: 'alice' },
      });
      await queue.close();
    } finally {
      child.kill('SIGKILL');
      server.close();
      await deleteKeysWithPrefix(redis, prefix);
    }
  }, 180_000);
});

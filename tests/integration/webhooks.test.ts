// Outbound webhooks: the management routes (tenant-scoped, hostile input refused), and deliveries
// made by the deliveries queue's processor in this process, against receivers on 127.0.0.1.
import { randomUUID } from 'node:crypto';
import { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST as createEndpoint, GET as listEndpoints } from '@/app/api/manage/webhook-endpoints/route';
import {
  DELETE as deleteEndpoint,
  GET as getEndpoint,
  PATCH as patchEndpoint,
} from '@/app/api/manage/webhook-endpoints/[id]/route';
import { POST as rotateSecret } from '@/app/api/manage/webhook-endpoints/[id]/rotate-secret/route';
import { GET as listDeliveries } from '@/app/api/manage/webhook-endpoints/[id]/deliveries/route';
import { GET as getDelivery } from '@/app/api/manage/webhook-endpoints/[id]/deliveries/[deliveryId]/route';
import { POST as retryDelivery } from '@/app/api/manage/webhook-endpoints/[id]/deliveries/[deliveryId]/retry/route';
import { changeActivityStatus } from '@/lib/activities/change-status';
import { getMyState } from '@/lib/chances/get-my-state';
import { createActivity } from '@/lib/activities/create-activity';
import { raiseStockAlert } from '@/lib/alerts/raise-stock-alert';
import { addPrizeCodes } from '@/lib/prizes/add-prize-codes';
import { createPrize } from '@/lib/prizes/create-prize';
import { claimWin } from '@/lib/fulfilment/claim-win';
import { expireClaims } from '@/lib/fulfilment/expire-claims';
import { approveHeldWin, rejectHeldWin } from '@/lib/fulfilment/review-held-win';
import { shipWin } from '@/lib/fulfilment/ship-win';
import { voidWin } from '@/lib/fulfilment/void-win';
import { publishActivity } from '@/lib/activities/publish-activity';
import { signBody } from '@/lib/auth/hmac-signature';
import { resetConfigForTests } from '@/lib/config';
import { db } from '@/lib/db';
import { executeDraw } from '@/lib/draw/execute-draw';
import { bullPrefix, closeQueues } from '@/lib/queues';
import { createRedis, deleteKeysWithPrefix } from '@/lib/redis';
import { eventIdFor } from '@/lib/webhooks/emit-event';
import { webhookEventTypes as allTypes, type WebhookEventType } from '@/lib/webhooks/event-types';
import { isPrivateAddress } from '@/lib/webhooks/safe-address';
import { sendDelivery } from '@/lib/webhooks/send-delivery';
import deliveries from '@/workers/deliveries';
import { createPrizes, endUser, liveActivity, specFor, testActor } from '../helpers/activities';
import { createWinFixture } from '../helpers/wins';
import { bearer, callRoute, freshTenant } from '../helpers/fixtures';
import { answerNext, startHookReceiver } from '../helpers/hook-receiver';
import { waitFor } from '../helpers/workers';

// A queue of this file's own (no other test's deliveries reach this worker) and a short schedule.
const prefix = vi.hoisted(() => {
  process.env.REDIS_PREFIX = `${process.env.REDIS_PREFIX ?? 'test'}-hooks${process.pid}`;
  process.env.WEBHOOK_RETRY_SCHEDULE = '200ms';
  return process.env.REDIS_PREFIX;
});

let worker: Worker;
const redis = createRedis('worker');
beforeAll(async () => {
  worker = new Worker('deliveries', (job) => deliveries.process(job), {
    connection: createRedis('worker'),
    prefix: bullPrefix(),
    concurrency: 8,
  });
  await worker.waitUntilReady();
});
afterAll(async () => {
  await worker.close();
  await closeQueues();
  await deleteKeysWithPrefix(redis, prefix);
  await redis.quit();
});

type Tenant = Awaited<ReturnType<typeof freshTenant>>;
const manage = (tenant: Tenant) => bearer(tenant.apiKey);

async function addEndpoint(tenant: Tenant, body: Record<string, unknown>) {
  const res = await callRoute(createEndpoint, { method: 'POST', headers: manage(tenant), body });
  expect(res.status, res.text).toBe(201);
  return res.json as { id: string; secret: string; url: string; events: string[] };
}

/** A live activity whose every draw wins one unit of a prize of `kind`. */
async function alwaysWins(tenant: Tenant, kind: 'physical' | 'points' = 'physical') {
  const [prize] = await createPrizes(tenant.id, [100], kind);
  const spec = specFor([{ probability: 1, stock: 100, prizes: [{ prizeId: prize!.id }] }], {
    limits: { freeDrawsPerDay: 10 },
  });
  const draft = await createActivity(tenant.id, testActor, spec);
  return publishActivity(tenant.id, testActor, draft.id);
}

const deliveryOf = (winId: string, endpointId: string) =>
  db.webhookDelivery.findFirst({ where: { subjectId: winId, endpointId, type: 'win.created' } });

describe('webhook endpoints API', () => {
  it('creates with the secret shown once, lists, reads, patches, rotates and deletes', async () => {
    const tenant = await freshTenant();
    const created = await addEndpoint(tenant, { url: 'https://hooks.example.com/in', events: ['win.created'] });
    expect(created).toMatchObject({ url: 'https://hooks.example.com/in', events: ['win.created'], enabled: true });
    expect(created.secret.length).toBeGreaterThan(30);

    const list = await callRoute(listEndpoints, { headers: manage(tenant) });
    expect(list.json).toHaveLength(1);
    expect(list.text).not.toContain(created.secret);
    const one = await callRoute(getEndpoint, { headers: manage(tenant), params: { id: created.id.toUpperCase() } });
    expect(one.status).toBe(200);
    expect(one.json.id).toBe(created.id);
    expect(one.text).not.toContain(created.secret);

    const patched = await callRoute(patchEndpoint, {
      method: 'PATCH',
      headers: manage(tenant),
      params: { id: created.id },
      body: { events: ['win.created', 'win.shipped'], fulfilment: true, enabled: false },
    });
    expect(patched.json).toMatchObject({ events: ['win.created', 'win.shipped'], fulfilment: true, enabled: false });

    const rotated = await callRoute(rotateSecret, {
      method: 'POST',
      headers: manage(tenant),
      params: { id: created.id },
    });
    expect(rotated.status).toBe(200);
    expect(rotated.json.secret).not.toBe(created.secret);
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: created.id } })).secret).toBe(
      rotated.json.secret,
    );
    expect(await db.auditLog.count({ where: { objectId: created.id } })).toBe(3);
    expect(
      JSON.stringify(
        await db.auditLog.findMany({ where: { objectId: created.id }, select: { before: true, after: true } }),
      ),
    ).not.toContain(rotated.json.secret);

    const removed = await callRoute(deleteEndpoint, {
      method: 'DELETE',
      headers: manage(tenant),
      params: { id: created.id },
    });
    expect(removed.status).toBe(204);
    const again = await callRoute(deleteEndpoint, {
      method: 'DELETE',
      headers: manage(tenant),
      params: { id: created.id },
    });
    expect(again.status).toBe(404);
  });

  it("answers 404 for another tenant's endpoint and delivery on every route, changing nothing", async () => {
    const owner = await freshTenant();
    const other = await freshTenant();
    const created = await addEndpoint(owner, { url: 'https://hooks.example.com/a', events: ['win.created'] });
    const delivery = await db.webhookDelivery.create({
      data: {
        tenantId: owner.id,
        endpointId: created.id,
        eventId: randomUUID(),
        type: 'win.created',
        expiresAt: new Date(Date.now() + 3600_000),
        status: 'FAILED',
      },
    });
    const othersEndpoint = await addEndpoint(other, { url: 'https://hooks.example.com/b', events: ['win.created'] });
    const params = { id: created.id };
    const calls = [
      callRoute(getEndpoint, { headers: manage(other), params }),
      callRoute(patchEndpoint, { method: 'PATCH', headers: manage(other), params, body: { enabled: false } }),
      callRoute(deleteEndpoint, { method: 'DELETE', headers: manage(other), params }),
      callRoute(rotateSecret, { method: 'POST', headers: manage(other), params }),
      callRoute(listDeliveries, { headers: manage(other), params }),
      callRoute(getDelivery, { headers: manage(other), params: { id: created.id, deliveryId: delivery.id } }),
      // Its own endpoint does not reach another tenant's delivery either.
      callRoute(getDelivery, {
        headers: manage(other),
        params: { id: othersEndpoint.id, deliveryId: delivery.id },
      }),
      callRoute(retryDelivery, {
        method: 'POST',
        headers: manage(other),
        params: { id: created.id, deliveryId: delivery.id },
      }),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.status, res.text).toBe(404);
      expect(res.json.error.code).toBe('NOT_FOUND');
    }
    expect(await db.webhookEndpoint.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({
      enabled: true,
      secret: created.secret,
    });
    expect((await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).status).toBe('FAILED');
    const list = await callRoute(listEndpoints, { headers: manage(other) });
    expect(list.json.map((e: { id: string }) => e.id)).toEqual([othersEndpoint.id]);
    const own = await callRoute(getDelivery, {
      headers: manage(owner),
      params: { id: created.id, deliveryId: delivery.id },
    });
    expect(own.status, own.text).toBe(200);
    expect(own.json).toMatchObject({ id: delivery.id, status: 'FAILED', attempts: 0, attemptLog: [] });
  });

  it('refuses hostile bodies with 400 naming the field, and private addresses unless allowed', async () => {
    const tenant = await freshTenant();
    const bad: [Record<string, unknown>, string][] = [
      [{ url: 'https://a.example.com/\u0000', events: ['win.created'] }, 'url'],
      [{ url: 'javascript:alert(1)', events: ['win.created'] }, 'url'],
      [{ url: 'https://a.example.com/', events: ['win.exploded'] }, 'events'],
      [{ url: 'https://a.example.com/', events: [] }, 'events'],
      [{ url: 'https://a.example.com/', events: ['win.created', 'win.created'] }, 'events'],
      [{ url: 'https://a.example.com/', events: ['win.created'], secret: 'mine' }, 'secret'],
    ];
    for (const [body, field] of bad) {
      const res = await callRoute(createEndpoint, { method: 'POST', headers: manage(tenant), body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe('VALIDATION_FAILED');
      expect(res.text).toContain(field);
    }
    process.env.WEBHOOK_ALLOW_PRIVATE = '0';
    resetConfigForTests();
    try {
      for (const url of ['http://127.0.0.1:8080/x', 'http://[::1]/x', 'http://10.1.2.3/', 'http://169.254.169.254/']) {
        const res = await callRoute(createEndpoint, {
          method: 'POST',
          headers: manage(tenant),
          body: { url, events: ['win.created'] },
        });
        expect(res.status, url).toBe(400);
        expect(res.text).toContain('private');
      }
    } finally {
      process.env.WEBHOOK_ALLOW_PRIVATE = '1';
      resetConfigForTests();
    }
    expect(await db.webhookEndpoint.count({ where: { tenantId: tenant.id } })).toBe(0);
    expect(isPrivateAddress('::ffff:127.0.0.1')).toBe(true);
    expect(isPrivateAddress('8.8.8.8')).toBe(false);
    expect(isPrivateAddress('2606:4700::1111')).toBe(false);
  });
});

describe('webhook events', () => {
  it('are each written once into the outbox, from the one place that makes the change', async () => {
    const tenant = await freshTenant();
    const endpoint = await addEndpoint(tenant, { url: 'https://hooks.example.com/all', events: [...allTypes] });
    await worker.pause();
    try {
      const { activity } = await liveActivity((p) => [{ probability: 1, stock: 50, prizes: [{ prizeId: p[0]! }] }], {
        tenant,
        overrides: { limits: { freeDrawsPerDay: 5 }, claimWindowHours: 48 },
      });
      const win = async (user: string) =>
        (await executeDraw(endUser(tenant, user), activity.id, randomUUID())).winIds[0]!;
      const address = { name: 'Li Lei', phone: '+86 138 0000 0000', address: '1 Century Avenue, Shanghai' };
      const claimed = await win('claims');
      await claimWin(endUser(tenant, 'claims'), claimed, address);
      await claimWin(endUser(tenant, 'claims'), claimed, { ...address, name: 'Han Meimei' });
      await shipWin(tenant.id, testActor, claimed, { carrier: 'SF Express', trackingNumber: 'SF1234567890' });
      const voided = await win('voids');
      await voidWin(tenant.id, testActor, { winId: voided, reason: 'fraud' });
      await voidWin(tenant.id, testActor, { winId: voided, reason: 'again' });
      const expired = await win('expires');
      await db.win.update({ where: { id: expired }, data: { claimExpiresAt: new Date(Date.now() - 1) } });
      await expireClaims(Date.now(), { tenantId: tenant.id });
      // Held wins are told when approved (never at the draw), and a rejected one not at all.
      const held = await createWinFixture(tenant.id);
      await db.win.update({ where: { id: held.win.id }, data: { status: 'HELD' } });
      await approveHeldWin(tenant.id, testActor, held.win.id);
      const rejected = await createWinFixture(tenant.id);
      await db.win.update({ where: { id: rejected.win.id }, data: { status: 'HELD' } });
      await rejectHeldWin(tenant.id, testActor, rejected.win.id, 'bot');
      await changeActivityStatus(tenant.id, testActor, { activityId: activity.id, transition: 'pause' });
      await changeActivityStatus(tenant.id, testActor, { activityId: activity.id, transition: 'resume' });
      await changeActivityStatus(tenant.id, testActor, { activityId: activity.id, transition: 'end' });
      await raiseStockAlert(tenant.id, activity.id, {
        prizeId: randomUUID(),
        kind: 'ledger',
        message: 'test drift',
        details: { expected: 1, actual: 2 },
      });

      const rows = await db.webhookDelivery.findMany({ where: { endpointId: endpoint.id } });
      const byType = (type: string) => rows.filter((r) => r.type === type);
      expect(byType('activity.started').map((r) => r.subjectId)).toEqual([activity.id]);
      expect(byType('activity.ended').map((r) => r.subjectId)).toEqual([activity.id]);
      expect(
        byType('win.created')
          .map((r) => r.subjectId)
          .sort(),
      ).toEqual([claimed, voided, expired, held.win.id].sort());
      expect(byType('win.claimed').map((r) => r.subjectId)).toEqual([claimed]);
      expect(byType('win.shipped')).toHaveLength(1);
      expect(byType('win.shipped')[0]!.payload).toMatchObject({
        type: 'win.shipped',
        tenant: tenant.slug,
        data: { winId: claimed, carrier: 'SF Express', trackingNumber: 'SF1234567890' },
      });
      expect(byType('win.voided').map((r) => r.subjectId)).toEqual([voided]);
      expect(byType('claim.expired').map((r) => r.subjectId)).toEqual([expired]);
      expect(byType('alert.raised')).toHaveLength(1);
      expect(byType('alert.raised')[0]!.payload).toMatchObject({
        data: { kind: 'stock.ledger', message: 'test drift' },
      });
      for (const r of rows.filter((x) => x.subjectId && x.type !== 'win.shipped' && x.type !== 'alert.raised'))
        expect(r.eventId).toBe(eventIdFor(r.type as WebhookEventType, r.subjectId!));
      // Nothing for a type the endpoint does not take.
      await callRoute(patchEndpoint, {
        method: 'PATCH',
        headers: manage(tenant),
        params: { id: endpoint.id },
        body: { events: ['win.shipped'] },
      });
      await win('late').catch(() => undefined);
      expect(await db.webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(rows.length);
    } finally {
      worker.resume();
    }
  });
});

describe('webhook deliveries', () => {
  it('sends an instant win a signed win.created, logged with its code, latency and attempts', async () => {
    const receiver = await startHookReceiver();
    try {
      const tenant = await freshTenant();
      const endpoint = await addEndpoint(tenant, { url: receiver.url, events: ['win.created'] });
      const activity = await alwaysWins(tenant);
      const { winIds } = await executeDraw(endUser(tenant, 'amy'), activity.id, randomUUID());
      const winId = winIds[0]!;
      await waitFor(
        async () => receiver.requests.length,
        (n) => n >= 1,
        20_000,
      );
      const { headers, body } = receiver.requests[0]!;
      expect(headers['x-tenant']).toBe(tenant.slug);
      expect(headers['x-event-id']).toBe(eventIdFor('win.created', winId));
      expect(headers['x-signature']).toBe(signBody(endpoint.secret, headers['x-timestamp'] as string, body));
      expect(JSON.parse(body)).toMatchObject({
        id: eventIdFor('win.created', winId),
        type: 'win.created',
        tenant: tenant.slug,
        data: {
          winId,
          activityId: activity.id,
          userId: 'amy',
          tier: { name: 'Tier 1' },
          prizes: [{ kind: 'physical', value: 0, quantity: 1, codes: [] }],
        },
      });
      const log = await waitFor(
        async () =>
          (await callRoute(listDeliveries, { headers: manage(tenant), params: { id: endpoint.id.toUpperCase() } }))
            .json,
        (l) => l.items?.[0]?.status === 'DELIVERED',
        10_000,
      );
      expect(log.items[0]).toMatchObject({
        type: 'win.created',
        status: 'DELIVERED',
        attempts: 1,
        lastStatusCode: 200,
      });
      expect(log.items[0].lastLatencyMs).toBeGreaterThanOrEqual(0);
    } finally {
      await receiver.close();
    }
  });

  it('retries a receiver answering 500 three times, then 200: four attempts, one event id', async () => {
    const receiver = await startHookReceiver({ statuses: [500, 500, 500, 200] });
    try {
      const tenant = await freshTenant();
      const endpoint = await addEndpoint(tenant, { url: receiver.url, events: ['win.created'] });
      const activity = await alwaysWins(tenant);
      const { winIds } = await executeDraw(endUser(tenant, 'bob'), activity.id, randomUUID());
      const row = await waitFor(
        () => deliveryOf(winIds[0]!, endpoint.id),
        (d) => d?.status === 'DELIVERED',
        30_000,
      );
      expect(row).toMatchObject({ status: 'DELIVERED', attempts: 4, lastStatusCode: 200 });
      expect(receiver.hooks.map((h) => h.id)).toEqual(Array(4).fill(eventIdFor('win.created', winIds[0]!)));
      expect(new Set(receiver.requests.map((r) => r.body)).size).toBe(1);
      // The log keeps every attempt, in order, in the list and read alone.
      const log = await callRoute(listDeliveries, { headers: manage(tenant), params: { id: endpoint.id } });
      const listed = log.json.items.find((d: { id: string }) => d.id === row!.id);
      const one = await callRoute(getDelivery, {
        headers: manage(tenant),
        params: { id: endpoint.id, deliveryId: row!.id.toUpperCase() },
      });
      expect(one.status, one.text).toBe(200);
      for (const d of [listed, one.json]) {
        expect(d).toMatchObject({ attempts: 4, status: 'DELIVERED', lastStatusCode: 200 });
        expect(d.attemptLog.map((a: { attempt: number }) => a.attempt)).toEqual([1, 2, 3, 4]);
        expect(d.attemptLog.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 500, 500, 200]);
        expect(d.attemptLog.map((a: { error: string | null }) => a.error)).toEqual([
          'answered 500',
          'answered 500',
          'answered 500',
          null,
        ]);
        for (const a of d.attemptLog) expect(a.latencyMs).toBeGreaterThanOrEqual(0);
        const times = d.attemptLog.map((a: { at: string }) => Date.parse(a.at));
        expect([...times].sort((a, b) => a - b)).toEqual(times);
      }
      // The endpoint failed meanwhile and is healthy again.
      expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).failingSince).toBeNull();
      // Removed with their delivery (here with its endpoint).
      const del = await callRoute(deleteEndpoint, {
        method: 'DELETE',
        headers: manage(tenant),
        params: { id: endpoint.id },
      });
      expect(del.status, del.text).toBeLessThan(300);
      expect(await db.webhookDeliveryAttempt.count({ where: { deliveryId: row!.id } })).toBe(0);
    } finally {
      await receiver.close();
    }
  });

  it('keeps a points win PENDING_DELIVERY until the fulfilment endpoint answers 2xx; a retry by hand resends', async () => {
    const receiver = await startHookReceiver({ statuses: Array(50).fill(503) });
    try {
      const tenant = await freshTenant();
      const endpoint = await addEndpoint(tenant, { url: receiver.url, events: ['win.created'], fulfilment: true });
      const activity = await alwaysWins(tenant, 'points');
      const { winIds } = await executeDraw(endUser(tenant, 'cat'), activity.id, randomUUID());
      const winId = winIds[0]!;
      expect((await db.win.findUniqueOrThrow({ where: { id: winId } })).status).toBe('PENDING_DELIVERY');
      const myWin = async () => (await getMyState(endUser(tenant, 'cat'), activity.id)).wins[0]!.status;
      expect(await myWin()).toBe('PENDING_DELIVERY');
      await waitFor(
        async () => receiver.requests.length,
        (n) => n >= 3,
        20_000,
      );
      expect((await db.win.findUniqueOrThrow({ where: { id: winId } })).status).toBe('PENDING_DELIVERY');
      expect(JSON.parse(receiver.requests[0]!.body).data.prizes[0]).toMatchObject({ kind: 'points' });
      // Given up (as after 24 h), then resent by hand once the receiver is back.
      const delivery = (await deliveryOf(winId, endpoint.id))!;
      await db.webhookDelivery.update({ where: { id: delivery.id }, data: { status: 'FAILED' } });
      receiver.hooks.length = 0;
      receiver.requests.length = 0;
      answerNext(receiver, 200);
      const retried = await callRoute(retryDelivery, {
        method: 'POST',
        headers: manage(tenant),
        params: { id: endpoint.id, deliveryId: delivery.id.toUpperCase() },
      });
      expect(retried.status, retried.text).toBe(202);
      const win = await waitFor(
        () => db.win.findUniqueOrThrow({ where: { id: winId } }),
        (w) => w.status === 'DELIVERED',
        20_000,
      );
      expect(win.status).toBe('DELIVERED');
      expect(await myWin()).toBe('DELIVERED');
      expect(receiver.hooks[0]!.id).toBe(eventIdFor('win.created', winId));
    } finally {
      await receiver.close();
    }
  });

  it("tells a coupon win's codes in its win.created", async () => {
    const receiver = await startHookReceiver();
    try {
      const tenant = await freshTenant();
      await addEndpoint(tenant, { url: receiver.url, events: ['win.created'] });
      const prize = await createPrize(tenant.id, testActor, { name: 'Coupon', kind: 'coupon', value: 5, stock: 0 });
      await addPrizeCodes(tenant.id, testActor, prize.id, { codes: ['CODE-A', 'CODE-B'] });
      const spec = specFor([{ probability: 1, stock: 2, prizes: [{ prizeId: prize.id }] }], {
        limits: { freeDrawsPerDay: 2 },
      });
      const activity = await publishActivity(
        tenant.id,
        testActor,
        (await createActivity(tenant.id, testActor, spec)).id,
      );
      const { winIds } = await executeDraw(endUser(tenant, 'coupon-fan'), activity.id, randomUUID());
      const hooks = await waitFor(
        async () => receiver.hooks.filter((h) => h.data?.winId === winIds[0]),
        (h) => h.length >= 1,
        20_000,
      );
      const code = (await db.couponCode.findFirstOrThrow({ where: { winId: winIds[0]! } })).code;
      expect(hooks[0]!.data).toMatchObject({ prizes: [{ kind: 'coupon', value: 5, codes: [code] }] });
    } finally {
      await receiver.close();
    }
  });

  it('refuses a name resolving to a loopback address and never follows a redirect', async () => {
    const target = await startHookReceiver();
    const redirecting = await startHookReceiver({ statuses: [302] });
    try {
      const tenant = await freshTenant();
      const loopName = await addEndpoint(tenant, {
        url: target.url.replace('127.0.0.1', 'localhost'),
        events: ['win.created'],
      });
      const redirect = await addEndpoint(tenant, { url: redirecting.url, events: ['win.created'] });
      const activity = await alwaysWins(tenant);
      process.env.WEBHOOK_ALLOW_PRIVATE = '0';
      resetConfigForTests();
      let refused;
      try {
        await worker.pause();
        const { winIds } = await executeDraw(endUser(tenant, 'dan'), activity.id, randomUUID());
        refused = (await deliveryOf(winIds[0]!, loopName.id))!;
        expect(await sendDelivery(refused.id)).toBe('retrying');
      } finally {
        process.env.WEBHOOK_ALLOW_PRIVATE = '1';
        resetConfigForTests();
      }
      expect(target.requests).toHaveLength(0);
      const after = await db.webhookDelivery.findUniqueOrThrow({ where: { id: refused.id } });
      expect(after).toMatchObject({ status: 'PENDING', attempts: 1, lastStatusCode: null });
      expect(after.lastError).toContain('private');
      // The redirect is an answer that is not 2xx: no second request anywhere.
      const sent = (await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: redirect.id } })).id;
      expect(await sendDelivery(sent)).toBe('retrying');
      expect((await db.webhookDelivery.findUniqueOrThrow({ where: { id: sent } })).lastStatusCode).toBe(302);
      expect(target.requests).toHaveLength(0);
    } finally {
      worker.resume();
      await target.close();
      await redirecting.close();
    }
  });

  it('disables an endpoint failing for 24 hours and raises an alert, told to the other endpoints', async () => {
    const failing = await startHookReceiver({ statuses: Array(50).fill(500) });
    const watcher = await startHookReceiver();
    try {
      const tenant = await freshTenant();
      const broken = await addEndpoint(tenant, { url: failing.url, events: ['win.created'] });
      await addEndpoint(tenant, { url: watcher.url, events: ['alert.raised'] });
      await db.webhookEndpoint.update({
        where: { id: broken.id },
        data: { failingSince: new Date(Date.now() - 24 * 3600_000 - 1_000) },
      });
      const activity = await alwaysWins(tenant);
      await executeDraw(endUser(tenant, 'eve'), activity.id, randomUUID());
      const endpoint = await waitFor(
        () => db.webhookEndpoint.findUniqueOrThrow({ where: { id: broken.id } }),
        (e) => !e.enabled,
        20_000,
      );
      expect(endpoint).toMatchObject({ enabled: false, disabledReason: 'failing for 24 hours' });
      const alert = await db.alert.findFirstOrThrow({
        where: { tenantId: tenant.id, kind: 'webhook.endpoint_disabled' },
      });
      await waitFor(
        async () => watcher.hooks.length,
        (n) => n >= 1,
        20_000,
      );
      expect(watcher.hooks[0]).toMatchObject({
        type: 'alert.raised',
        data: { alertId: alert.id, severity: 'CRITICAL' },
      });
      // Disabled, it is not tried again; enabled again by hand, its failing clock starts afresh.
      const tried = failing.requests.length;
      const pending = (await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: broken.id } })).id;
      expect(await sendDelivery(pending)).toBe('skipped');
      expect(failing.requests).toHaveLength(tried);
      const enabled = await callRoute(patchEndpoint, {
        method: 'PATCH',
        headers: manage(tenant),
        params: { id: broken.id },
        body: { enabled: true },
      });
      expect(enabled.status, enabled.text).toBe(200);
      expect(await db.webhookEndpoint.findUniqueOrThrow({ where: { id: broken.id } })).toMatchObject({
        enabled: true,
        failingSince: null,
        disabledReason: null,
      });
    } finally {
      await failing.close();
      await watcher.close();
    }
  });
});

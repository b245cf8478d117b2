// Validation matches storage, through the real route handlers: time zones both Node and
// PostgreSQL read alike, real calendar dates within 1970–9999, and integers within what their
// columns hold. Each refusal is 400 naming the field and changes nothing.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PATCH as patchActivity } from '@/app/api/manage/activities/[id]/route';
import { POST as poolStock } from '@/app/api/manage/activities/[id]/stock/route';
import { GET as winners } from '@/app/api/manage/activities/[id]/winners/route';
import { POST as createActivityRoute } from '@/app/api/manage/activities/route';
import { POST as restock } from '@/app/api/manage/prizes/[prizeId]/restock/route';
import { POST as createPrizeRoute } from '@/app/api/manage/prizes/route';
import { POST as events } from '@/app/api/v1/events/route';
import { db } from '@/lib/db';
import { signEventBody } from '@/lib/events/verify-event-signature';
import { INT4_MAX } from '@/lib/validation/storage-limits';
import { liveActivity, specFor } from '../helpers/activities';
import { bearer, callRoute, freshTenant } from '../helpers/fixtures';
import { expectFieldRefused } from '../helpers/refusals';

type Tenant = Awaited<ReturnType<typeof freshTenant>>;

async function newPrize(tenant: Tenant, stock: number) {
  const res = await callRoute(createPrizeRoute, {
    method: 'POST',
    headers: bearer(tenant.apiKey),
    body: { name: 'Mug', kind: 'physical', stock },
  });
  expect(res.status).toBe(201);
  return res.json as { id: string };
}

const activityCount = (tenantId: string) => db.activity.count({ where: { tenantId } });

describe('validation matches storage', () => {
  it(
    'refuses a time zone PostgreSQL does not know or reads otherwise (CTT, IST, CET, posix/…), 400 ' +
      'naming timezone; nothing is written',
    async () => {
      const tenant = await freshTenant();
      const prize = await newPrize(tenant, 100);
      const create = (timezone: string) =>
        callRoute(createActivityRoute, {
          method: 'POST',
          headers: bearer(tenant.apiKey),
          body: specFor([{ probability: 0.5, stock: 10, prizes: [{ prizeId: prize.id }] }], { timezone }),
        });
      // CTT: Intl takes it (Asia/Shanghai), PostgreSQL refuses it, so a rebuild of the activity
      // would fail for ever. IST: India for Intl, Israel for PostgreSQL. CET: Intl applies summer
      // time, PostgreSQL reads the fixed abbreviation. posix/CET: PostgreSQL only.
      for (const timezone of ['CTT', 'IST', 'CET', 'EET', 'posix/CET', 'Mars/Olympus']) {
        expectFieldRefused(await create(timezone), 'timezone');
      }
      expect(await activityCount(tenant.id)).toBe(0);

      // Both read it alike; the spelling stored is PostgreSQL's.
      const ok = await create('asia/shanghai');
      expect(ok.status, JSON.stringify(ok.json)).toBe(201);
      expect(ok.json.timezone).toBe('Asia/Shanghai');
      expect((await create('Europe/Paris')).status).toBe(201);
    },
  );

  it(
    'refuses impossible calendar dates and years outside 1970–9999 in the period, segments and events; ' +
      'nothing is written',
    async () => {
      const { tenant, prizes, activity } = await liveActivity(
        (p) => [{ probability: 0.5, stock: 100, prizes: [{ prizeId: p[0]! }] }],
        {
          overrides: { tasks: [{ kind: 'event', eventType: 'post_created', name: 'Post', chances: 1 }] },
        },
      );
      const before = await activityCount(tenant.id);
      const create = (over: object) =>
        callRoute(createActivityRoute, {
          method: 'POST',
          headers: bearer(tenant.apiKey),
          body: { ...specFor([{ probability: 0.1, stock: 1, prizes: [{ prizeId: prizes[0]!.id }] }]), ...over },
        });
      const segment = (fromDate: string, toDate: string) => ({
        tiers: [
          {
            name: 'T',
            probability: 0.1,
            stock: 1,
            prizes: [{ prizeId: prizes[0]!.id }],
            segments: [{ fromHour: 0, toHour: 24, fromDate, toDate, probability: 0.2 }],
          },
        ],
      });
      expectFieldRefused(await create(segment('2027-02-30', '2027-03-01')), 'tiers.0.segments.0.fromDate');
      expectFieldRefused(await create(segment('2027-02-01', '2027-13-01')), 'tiers.0.segments.0.toDate');
      expectFieldRefused(await create(segment('0001-01-01', '2027-03-01')), 'tiers.0.segments.0.fromDate');
      expectFieldRefused(
        await create({ startsAt: '1969-12-31T00:00:00Z', endsAt: '1970-01-05T00:00:00Z' }),
        'startsAt',
      );
      expectFieldRefused(await create({ startsAt: '2027-02-29T00:00:00+08:00' }), 'startsAt');
      expect(await activityCount(tenant.id)).toBe(before);

      const period = await db.activity.findUniqueOrThrow({
        where: { id: activity.id },
        select: { startsAt: true, endsAt: true, version: true },
      });
      const patch = (body: object) =>
        callRoute(patchActivity, {
          method: 'PATCH',
          headers: bearer(tenant.apiKey),
          params: { id: activity.id },
          body,
        });
      expectFieldRefused(await patch({ endsAt: '9999-12-31T23:00:00-05:00' }), 'endsAt');
      expectFieldRefused(await patch({ endsAt: '2027-04-31T00:00:00Z' }), 'endsAt');
      expect(
        await db.activity.findUniqueOrThrow({
          where: { id: activity.id },
          select: { startsAt: true, endsAt: true, version: true },
        }),
      ).toEqual(period);

      const deliver = (occurredAt: string) => {
        const raw = JSON.stringify({ eventId: randomUUID(), userId: 'amy', type: 'post_created', occurredAt });
        const ts = Math.floor(Date.now() / 1000);
        return callRoute(events, {
          method: 'POST',
          body: raw,
          headers: {
            'content-type': 'application/json',
            'x-tenant': tenant.slug,
            'x-timestamp': String(ts),
            'x-signature': signEventBody(tenant.webhookSecret, ts, raw),
          },
        });
      };
      expectFieldRefused(await deliver('0001-01-01T00:00:00Z'), 'occurredAt');
      expectFieldRefused(await deliver('2027-02-30T00:00:00Z'), 'occurredAt');
      expect(await db.externalEvent.count({ where: { tenantId: tenant.id } })).toBe(0);
      expect((await deliver(new Date().toISOString())).status).toBe(200);
    },
  );

  it(
    'POST /api/manage/prizes/{id}/restock: a total that would overflow its integer column is 400 ' +
      'naming quantity; the prize is unchanged',
    async () => {
      const tenant = await freshTenant();
      const prize = await newPrize(tenant, 100_000_000);
      const send = (quantity: number) =>
        callRoute(restock, {
          method: 'POST',
          headers: bearer(tenant.apiKey),
          params: { prizeId: prize.id },
          body: { quantity },
        });
      // 21 more restocks of 100,000,000 take the pool to 2,200,000,000 > 2,147,483,647.
      let total = 100_000_000;
      while (total + 100_000_000 <= INT4_MAX) {
        expect((await send(100_000_000)).status).toBe(200);
        total += 100_000_000;
      }
      const before = await db.prize.findUniqueOrThrow({
        where: { id: prize.id },
        select: { availableStock: true, version: true },
      });
      const movements = await db.stockMovement.count({ where: { prizeId: prize.id } });
      expectFieldRefused(await send(100_000_000), 'quantity');
      expectFieldRefused(await send(INT4_MAX - total + 1), 'quantity');
      expect(
        await db.prize.findUniqueOrThrow({ where: { id: prize.id }, select: { availableStock: true, version: true } }),
      ).toEqual(before);
      expect(await db.stockMovement.count({ where: { prizeId: prize.id } })).toBe(movements);
      // Exactly up to the column's limit is fine.
      expect((await send(INT4_MAX - total)).status).toBe(200);
      expect((await db.prize.findUniqueOrThrow({ where: { id: prize.id } })).availableStock).toBe(INT4_MAX);
    },
  );

  it(
    'POST /api/manage/prizes/{id}/restock: units held by activity pools count towards the limit, so ' +
      'returning them cannot overflow',
    async () => {
      const { tenant, prizes } = await liveActivity(
        (p) => [{ probability: 0.5, stock: 50_000_000, prizes: [{ prizeId: p[0]! }] }],
        { stocks: [100_000_000] },
      );
      const prizeId = prizes[0]!.id;
      const send = (quantity: number) =>
        callRoute(restock, { method: 'POST', headers: bearer(tenant.apiKey), params: { prizeId }, body: { quantity } });
      // 50,000,000 free and 50,000,000 in the pool; grow the free part while the whole stays within int4.
      let room = INT4_MAX - 100_000_000;
      while (room > 100_000_000) {
        expect((await send(100_000_000)).status).toBe(200);
        room -= 100_000_000;
      }
      const before = await db.prize.findUniqueOrThrow({
        where: { id: prizeId },
        select: { availableStock: true, version: true },
      });
      // The free part alone would still fit in its column; with the pool's units it would not.
      expect(before.availableStock + room + 1).toBeLessThan(INT4_MAX);
      expectFieldRefused(await send(room + 1), 'quantity');
      expect(
        await db.prize.findUniqueOrThrow({ where: { id: prizeId }, select: { availableStock: true, version: true } }),
      ).toEqual(before);
      expect((await send(room)).status).toBe(200);
    },
  );

  it(
    'POST /api/manage/activities/{id}/stock: a pool whose reserved figure would overflow is 400 naming ' +
      'quantity; pool and prize unchanged',
    async () => {
      const { tenant, prizes, activity } = await liveActivity(
        (p) => [{ probability: 0.5, stock: 10, prizes: [{ prizeId: p[0]! }] }],
        { stocks: [1_000] },
      );
      const prizeId = prizes[0]!.id;
      // A pool that has issued close to two billion units over its life: `reserved` counts them all.
      await db.activityStock.update({
        where: { activityId_prizeId: { activityId: activity.id, prizeId } },
        data: { reserved: INT4_MAX - 5, issued: INT4_MAX - 15 },
      });
      const pool = () =>
        db.activityStock.findUniqueOrThrow({
          where: { activityId_prizeId: { activityId: activity.id, prizeId } },
          select: { reserved: true, issued: true, version: true },
        });
      const prize = () =>
        db.prize.findUniqueOrThrow({ where: { id: prizeId }, select: { availableStock: true, version: true } });
      const before = { pool: await pool(), prize: await prize() };
      const res = await callRoute(poolStock, {
        method: 'POST',
        headers: bearer(tenant.apiKey),
        params: { id: activity.id },
        body: { prizeId, quantity: 6 },
      });
      expectFieldRefused(res, 'quantity');
      expect({ pool: await pool(), prize: await prize() }).toEqual(before);
      expect(
        (
          await callRoute(poolStock, {
            method: 'POST',
            headers: bearer(tenant.apiKey),
            params: { id: activity.id },
            body: { prizeId, quantity: 5 },
          })
        ).status,
      ).toBe(200);
    },
  );

  it(
    'GET /api/manage/activities/{id}/winners: a cursor outside what its columns hold is 400 naming ' +
      'cursor, not a database error',
    async () => {
      const { tenant, activity } = await liveActivity((p) => [
        { probability: 0.5, stock: 10, prizes: [{ prizeId: p[0]! }] },
      ]);
      for (const cursor of [
        '1700000000000_------------------------------------',
        '1700000000000_zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz',
        `999999999999999_${randomUUID()}`,
      ]) {
        const res = await callRoute(winners, {
          headers: bearer(tenant.apiKey),
          params: { id: activity.id },
          path: `/?cursor=${encodeURIComponent(cursor)}`,
        });
        expectFieldRefused(res, 'cursor');
      }
    },
  );
});

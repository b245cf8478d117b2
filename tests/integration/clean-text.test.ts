// Text from outside through the real route handlers: NUL, other control characters, unpaired
// surrogates, over-long, untrimmed values and non-web URLs are each refused with 400 naming
// the field, and the refusal writes nothing. Clean text, line breaks where a field is
// multi-line, and emoji (paired surrogates) are taken.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { POST as createActivityRoute } from '@/app/api/manage/activities/route';
import { POST as restock } from '@/app/api/manage/prizes/[prizeId]/restock/route';
import { POST as createPrizeRoute } from '@/app/api/manage/prizes/route';
import { POST as draw } from '@/app/api/v1/activities/[activityId]/draws/route';
import { POST as events } from '@/app/api/v1/events/route';
import { POST as claim } from '@/app/api/v1/wins/[winId]/claim/route';
import { db } from '@/lib/db';
import { signEventBody } from '@/lib/events/verify-event-signature';
import { liveActivity, specFor } from '../helpers/activities';
import { bearer, callRoute, freshTenant } from '../helpers/fixtures';
import { expectFieldRefused } from '../helpers/refusals';

type Tenant = Awaited<ReturnType<typeof freshTenant>>;

/** Every row a refused request could have written, for one tenant. */
async function rowsOf(tenantId: string) {
  const [prizes, activities, tiers, audit, movements, events, grants, wins] = await Promise.all([
    db.prize.findMany({
      where: { tenantId },
      select: { id: true, name: true, description: true, imageUrl: true, availableStock: true, version: true },
    }),
    db.activity.count({ where: { tenantId } }),
    db.tier.count({ where: { tenantId } }),
    db.auditLog.count({ where: { tenantId } }),
    db.stockMovement.count({ where: { tenantId } }),
    db.externalEvent.count({ where: { tenantId } }),
    db.chanceGrant.count({ where: { activity: { tenantId } } }),
    db.win.findMany({ where: { tenantId }, select: { id: true, status: true, claimName: true, claimAddress: true } }),
  ]);
  return { prizes, activities, tiers, audit, movements, events, grants, wins };
}

const hostile = {
  nul: 'Gift\u0000card',
  escape: 'Gift \u001b[31mcard',
  bell: 'Gift\u0007card',
  c1: 'Gift\u0085card',
  loneHigh: 'Gift \ud800 card',
  loneLow: 'Gift \udc00 card',
};

const createPrize = (tenant: Tenant, body: object) =>
  callRoute(createPrizeRoute, { method: 'POST', headers: bearer(tenant.apiKey), body });

describe('text from outside (API routes)', () => {
  it(
    'POST /api/manage/prizes: NUL, control characters and lone surrogates in a name are 400 naming it; ' +
      'nothing is written',
    async () => {
      const tenant = await freshTenant();
      const before = await rowsOf(tenant.id);
      for (const name of Object.values(hostile)) {
        expectFieldRefused(await createPrize(tenant, { name, kind: 'physical', stock: 5 }), 'name');
      }
      expectFieldRefused(await createPrize(tenant, { name: 'x'.repeat(121), kind: 'physical', stock: 5 }), 'name');
      expectFieldRefused(await createPrize(tenant, { name: ' \u3000\t ', kind: 'physical', stock: 5 }), 'name');
      // Multi-line text takes tab and line breaks, never NUL or other controls.
      expectFieldRefused(
        await createPrize(tenant, { name: 'Mug', kind: 'physical', stock: 5, description: 'Blue\u0000mug' }),
        'description',
      );
      expectFieldRefused(
        await createPrize(tenant, { name: 'Mug', kind: 'physical', stock: 5, description: 'Blue\fmug' }),
        'description',
      );
      expect(await rowsOf(tenant.id)).toEqual(before);

      const ok = await createPrize(tenant, {
        name: '  🎁 Mug  ',
        kind: 'physical',
        stock: 5,
        description: 'Blue mug\n\tceramic\r\n',
      });
      expect(ok.status, JSON.stringify(ok.json)).toBe(201);
      const stored = await db.prize.findUniqueOrThrow({ where: { id: ok.json.id } });
      expect(stored.name).toBe('🎁 Mug');
      expect(stored.description).toBe('Blue mug\n\tceramic');
    },
  );

  it(
    'POST /api/manage/prizes: imageUrl is http(s) only (no javascript:, data:, file: or credentials); ' +
      'nothing is written',
    async () => {
      const tenant = await freshTenant();
      const before = await rowsOf(tenant.id);
      for (const imageUrl of [
        'javascript:alert(1)',
        'JavaScript:alert(document.cookie)',
        'data:image/png;base64,iVBORw0KGgo=',
        'file:///etc/passwd',
        'ftp://example.com/a.png',
        'https://user:secret@example.com/a.png',
        'https://exa\u0000mple.com/a.png',
        '/uploads/x.png',
      ]) {
        expectFieldRefused(
          await createPrize(tenant, { name: 'Mug', kind: 'physical', stock: 5, imageUrl }),
          'imageUrl',
        );
      }
      expect(await rowsOf(tenant.id)).toEqual(before);
      expect(
        (
          await createPrize(tenant, {
            name: 'Mug',
            kind: 'physical',
            stock: 5,
            imageUrl: 'https://cdn.example.com/mug.png',
          })
        ).status,
      ).toBe(201);
    },
  );

  it(
    'POST /api/manage/activities: hostile text anywhere in the spec is 400 naming its path; nothing is ' + 'written',
    async () => {
      const tenant = await freshTenant();
      const prize = (await createPrize(tenant, { name: 'Mug', kind: 'physical', stock: 100 })).json;
      const base = specFor([{ probability: 0.5, stock: 10, prizes: [{ prizeId: prize.id }] }], {
        tasks: [{ kind: 'event', eventType: 'post_created', name: 'Post', chances: 1 }],
        materials: { title: 'Spring', rulesText: 'One draw a day.\n\tGood luck!' },
      });
      const withSpec = (change: (s: typeof base) => void) => {
        const spec = structuredClone(base);
        change(spec);
        return callRoute(createActivityRoute, { method: 'POST', headers: bearer(tenant.apiKey), body: spec });
      };
      const before = await rowsOf(tenant.id);
      expectFieldRefused(await withSpec((s) => (s.name = hostile.nul)), 'name');
      expectFieldRefused(await withSpec((s) => (s.tiers[0]!.name = hostile.loneHigh)), 'tiers.0.name');
      expectFieldRefused(await withSpec((s) => (s.tasks[0]!.name = hostile.escape)), 'tasks.0.name');
      expectFieldRefused(
        await withSpec((s) => ((s.tasks[0] as { eventType: string }).eventType = hostile.c1)),
        'tasks.0.eventType',
      );
      expectFieldRefused(await withSpec((s) => (s.materials.title = hostile.bell)), 'materials.title');
      expectFieldRefused(await withSpec((s) => (s.materials.rulesText = 'Rules\u0000')), 'materials.rulesText');
      expectFieldRefused(await withSpec((s) => (s.materials.rulesText = 'Rules \udfff')), 'materials.rulesText');
      expectFieldRefused(await withSpec((s) => (s.materials.bannerUrl = 'javascript:alert(1)')), 'materials.bannerUrl');
      expectFieldRefused(
        await withSpec((s) => (s.materials.bannerUrl = 'data:image/gif;base64,R0lGODlh')),
        'materials.bannerUrl',
      );
      expectFieldRefused(
        await withSpec((s) => (s.materials.bannerUrl = '/uploads/../../etc/passwd')),
        'materials.bannerUrl',
      );
      expect(await rowsOf(tenant.id)).toEqual(before);

      const ok = await withSpec((s) => (s.materials.bannerUrl = `/uploads/${randomUUID()}.png`));
      expect(ok.status, JSON.stringify(ok.json)).toBe(201);
      expect(ok.json.materials.rulesText).toBe('One draw a day.\n\tGood luck!');
    },
  );

  it(
    'POST /api/manage/prizes/{id}/restock: a reason with control characters is 400; the prize and its ' +
      'ledger are unchanged',
    async () => {
      const tenant = await freshTenant();
      const prize = (await createPrize(tenant, { name: 'Mug', kind: 'physical', stock: 100 })).json;
      const before = await rowsOf(tenant.id);
      for (const reason of [hostile.nul, hostile.loneLow, 'x'.repeat(501)]) {
        expectFieldRefused(
          await callRoute(restock, {
            method: 'POST',
            headers: bearer(tenant.apiKey),
            params: { prizeId: prize.id },
            body: { quantity: 5, reason },
          }),
          'reason',
        );
      }
      expect(await rowsOf(tenant.id)).toEqual(before);
    },
  );

  it(
    'POST /api/v1/events: an event id, user id or type with NUL, controls, lone surrogates or ' +
      'surrounding white space is 400 naming it; nothing is granted',
    async () => {
      const { tenant } = await liveActivity((p) => [{ probability: 0.5, stock: 100, prizes: [{ prizeId: p[0]! }] }], {
        overrides: { tasks: [{ kind: 'event', eventType: 'post_created', name: 'Post', chances: 1 }] },
      });
      const deliver = (body: unknown) => {
        const raw = JSON.stringify(body);
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
      const event = (over: object) => ({
        eventId: randomUUID(),
        userId: 'amy',
        type: 'post_created',
        occurredAt: new Date().toISOString(),
        ...over,
      });
      const before = await rowsOf(tenant.id);
      expectFieldRefused(await deliver(event({ userId: 'am\u0000y' })), 'userId');
      expectFieldRefused(await deliver(event({ userId: ' amy' })), 'userId');
      expectFieldRefused(await deliver(event({ userId: 'amy\n' })), 'userId');
      expectFieldRefused(await deliver(event({ userId: 'x'.repeat(129) })), 'userId');
      expectFieldRefused(await deliver(event({ eventId: hostile.loneHigh })), 'eventId');
      expectFieldRefused(await deliver(event({ type: 'post_created\u0000' })), 'type');
      // One bad event in a batch refuses the batch, and names the event.
      expectFieldRefused(await deliver({ events: [event({}), event({ userId: hostile.escape })] }), 'events.1.userId');
      expect(await rowsOf(tenant.id)).toEqual(before);

      const ok = await deliver(event({}));
      expect(ok.status, JSON.stringify(ok.json)).toBe(200);
      expect(ok.json.counted).toBe(1);
    },
  );

  it(
    'POST /api/v1/wins/{id}/claim: a name or address with NUL or controls is 400 naming it; the win is ' + 'unchanged',
    async () => {
      const { tenant, activity } = await liveActivity((p) => [
        { probability: 1, stock: 10, prizes: [{ prizeId: p[0]! }] },
      ]);
      const token = await tenant.userToken('wendy');
      const won = await callRoute(draw, {
        method: 'POST',
        headers: { ...bearer(token), 'idempotency-key': randomUUID() },
        params: { activityId: activity.id },
      });
      expect(won.json.outcome).toBe('win');
      const winId = won.json.winIds[0];
      const send = (body: object) =>
        callRoute(claim, { method: 'POST', headers: bearer(token), params: { winId }, body });
      const good = { name: 'Wendy Wu', phone: '+86 138 0000 0000', address: '1 Long Street\nShanghai' };
      const before = await rowsOf(tenant.id);
      expectFieldRefused(await send({ ...good, name: 'Wendy\u0000' }), 'name');
      expectFieldRefused(await send({ ...good, name: 'Wendy\nWu' }), 'name');
      expectFieldRefused(await send({ ...good, address: '1 Long Street\u0000Shanghai' }), 'address');
      expectFieldRefused(await send({ ...good, address: '1 Long Street \ud83c Shanghai' }), 'address');
      expect(await rowsOf(tenant.id)).toEqual(before);

      const ok = await send(good);
      expect(ok.status, JSON.stringify(ok.json)).toBe(200);
      expect((await db.win.findUniqueOrThrow({ where: { id: winId } })).claimAddress).toBe('1 Long Street\nShanghai');
    },
  );
});

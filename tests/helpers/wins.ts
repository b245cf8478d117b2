// Builds a minimal activity → tier → prize → draw → win chain straight in PostgreSQL, for
// tests of code that reads wins (the draw engine itself is tested through its own API).
import { randomUUID } from 'node:crypto';
import { db } from '../../lib/db';

export async function createWinFixture(tenantId: string, { userId = 'alice', prizeKind = 'PHYSICAL' as const } = {}) {
  const prize = await db.prize.create({
    data: { tenantId, name: 'Fixture prize', kind: prizeKind, availableStock: 0 },
  });
  const activity = await db.activity.create({
    data: {
      tenantId,
      name: 'Fixture activity',
      gameplay: 'WHEEL',
      timezone: 'UTC',
      startsAt: new Date(Date.now() - 3600_000),
      endsAt: new Date(Date.now() + 3600_000),
      status: 'LIVE',
    },
  });
  const tier = await db.tier.create({
    data: {
      tenantId,
      activityId: activity.id,
      name: 'First',
      position: 0,
      probabilityMicros: 500_000,
      stock: 10,
      issued: 1,
    },
  });
  await db.activityStock.create({
    data: { tenantId, activityId: activity.id, prizeId: prize.id, reserved: 10, issued: 1 },
  });
  const draw = await db.draw.create({
    data: {
      id: randomUUID(),
      tenantId,
      activityId: activity.id,
      userId,
      idempotencyKey: randomUUID(),
      outcome: 'WIN',
      tierId: tier.id,
      chanceKind: 'FREE',
      chancesLeft: 0,
      createdAt: new Date(),
    },
  });
  const win = await db.win.create({
    data: {
      id: randomUUID(),
      tenantId,
      activityId: activity.id,
      drawId: draw.id,
      tierId: tier.id,
      prizeId: prize.id,
      userId,
      quantity: 1,
      status: 'AWAITING_CLAIM',
      createdAt: new Date(),
    },
  });
  return { prize, activity, tier, draw, win };
}

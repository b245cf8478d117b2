// The Winners and Settings server actions are guarded on the server: an ANALYST is refused
// every change (and an OPERATOR every OWNER-only one), and another tenant's win, member or
// invitation is simply not found, with nothing written.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { executeDraw } from '@/lib/draw/execute-draw';
import { claimWin } from '@/lib/fulfilment/claim-win';
import { closeQueues } from '@/lib/queues';
import { inviteMember } from '@/lib/tenancy/invite-member';
import { endUser, liveActivity, testActor } from '../helpers/activities';
import { freshTenant, membersOfEachRole } from '../helpers/fixtures';
import { addWebhookEndpoint } from '../helpers/hook-receiver';

const session = vi.hoisted(() => ({ operatorId: null as string | null }));
vi.mock('server-only', () => ({}));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
vi.mock('next-auth/next', () => ({
  getServerSession: async () => (session.operatorId ? { user: { id: session.operatorId } } : null),
}));

const winners = await import('@/app/(console)/t/[tenant]/winners/actions');
const settings = await import('@/app/(console)/t/[tenant]/settings/actions');

type Role = 'OWNER' | 'OPERATOR' | 'ANALYST';
type Tenant = Awaited<ReturnType<typeof freshTenant>>;
let a: Tenant;
let b: Tenant;
let activityA: string;
let activityB: string;
let prizeA: string;
const people = {} as Record<Role, string>;
const peopleB = {} as Record<Role, string>;
const address = { name: 'Li Lei', phone: '+86 138 0000 0000', address: '1 Century Avenue, Shanghai' };

const as = (role: Role | null) => {
  session.operatorId = role ? people[role] : null;
};

/** A real draw that always wins one unit of a physical prize; claimed when asked. */
async function win(tenant: Tenant, activityId: string, { claimed = false, held = false } = {}): Promise<string> {
  const user = endUser(tenant, `u-${randomUUID().slice(0, 8)}`);
  const { winIds } = await executeDraw(user, activityId, randomUUID());
  const winId = winIds[0]!;
  if (claimed) await claimWin(user, winId, address);
  if (held) await db.win.update({ where: { id: winId }, data: { status: 'HELD' } });
  return winId;
}

const status = async (winId: string) =>
  (await db.win.findUniqueOrThrow({ where: { id: winId }, select: { status: true } })).status;
const available = async (prizeId: string) =>
  (await db.prize.findUniqueOrThrow({ where: { id: prizeId } })).availableStock;
const audits = (tenantId: string, action: string, objectId: string) =>
  db.auditLog.count({ where: { tenantId, action, objectId } });

beforeAll(async () => {
  const one = await liveActivity((p) => [{ probability: 1, stock: 200, prizes: [{ prizeId: p[0]! }] }], {
    stocks: [500],
    overrides: { claimWindowHours: 48, limits: { freeDrawsPerDay: 1 } },
  });
  a = one.tenant;
  activityA = one.activity.id;
  prizeA = one.prizes[0]!.id;
  const two = await liveActivity((p) => [{ probability: 1, stock: 50, prizes: [{ prizeId: p[0]! }] }], {
    stocks: [100],
  });
  b = two.tenant;
  activityB = two.activity.id;
  Object.assign(people, await membersOfEachRole(a.id));
  Object.assign(peopleB, await membersOfEachRole(b.id));
});
afterAll(() => closeQueues());

describe('winners actions', () => {
  it("shipWinAction: ANALYST refused, another tenant's win not found, OPERATOR ships a claimed win with carrier and tracking", async () => {
    const winId = await win(a, activityA, { claimed: true });
    const foreign = await win(b, activityB, { claimed: true });
    as('ANALYST');
    await addWebhookEndpoint(a.id, 'https://hooks.example.test/a', { events: ['win.shipped'] });
    expect(await winners.shipWinAction(a.slug, winId, 'SF Express', 'SF123456')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    as(null);
    await addWebhookEndpoint(a.id, 'https://hooks.example.test/a', { events: ['win.shipped'] });
    expect(await winners.shipWinAction(a.slug, winId, 'SF Express', 'SF123456')).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    });
    as('OPERATOR');
    expect(await winners.shipWinAction(a.slug, foreign, 'SF Express', 'SF123456')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await winners.shipWinAction(b.slug, foreign, 'SF Express', 'SF123456')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await status(foreign)).toBe('CLAIMED');
    expect(await status(winId)).toBe('CLAIMED');
    expect(await winners.shipWinAction(a.slug, winId, '', 'x')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });

    await addWebhookEndpoint(a.id, 'https://hooks.example.test/a', { events: ['win.shipped'] });
    expect(await winners.shipWinAction(a.slug, winId, 'SF Express', 'SF123456')).toMatchObject({
      ok: true,
      data: { status: 'SHIPPED', carrier: 'SF Express', trackingNumber: 'SF123456' },
    });
    expect(await db.win.findUniqueOrThrow({ where: { id: winId } })).toMatchObject({
      status: 'SHIPPED',
      carrier: 'SF Express',
      trackingNumber: 'SF123456',
    });
    const entry = await db.auditLog.findFirstOrThrow({
      where: { tenantId: a.id, action: 'win.ship', objectId: winId },
    });
    expect(entry).toMatchObject({
      actorType: 'OPERATOR',
      actorId: people.OPERATOR,
      before: { status: 'CLAIMED', carrier: null },
      after: { status: 'SHIPPED', carrier: 'SF Express', trackingNumber: 'SF123456' },
    });
    // The host app hears of it: win.shipped is in the outbox with the shipment.
    const told = await db.webhookDelivery.findFirstOrThrow({ where: { type: 'win.shipped', subjectId: winId } });
    expect(told.payload).toMatchObject({
      type: 'win.shipped',
      tenant: a.slug,
      data: { winId, carrier: 'SF Express', trackingNumber: 'SF123456' },
    });
    // An unclaimed win has no address to ship to.
    const unclaimed = await win(a, activityA);
    expect(await winners.shipWinAction(a.slug, unclaimed, 'SF Express', 'SF999')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });
  });

  it("voidWinAction: ANALYST refused, another tenant's win not found, OPERATOR voids and the stock comes back once", async () => {
    const winId = await win(a, activityA);
    const foreign = await win(b, activityB);
    const before = await available(prizeA);
    as('ANALYST');
    expect(await winners.voidWinAction(a.slug, winId, 'fraud')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    as('OPERATOR');
    expect(await winners.voidWinAction(a.slug, foreign, 'fraud')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await status(foreign)).toBe('AWAITING_CLAIM');
    expect(await winners.voidWinAction(a.slug, winId, '  ')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await status(winId)).toBe('AWAITING_CLAIM');
    expect(await winners.voidWinAction(a.slug, winId, 'duplicate account')).toMatchObject({
      ok: true,
      data: { status: 'VOID' },
    });
    expect(await available(prizeA)).toBe(before + 1);
    expect(await winners.voidWinAction(a.slug, winId, 'again')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });
    expect(await available(prizeA)).toBe(before + 1);
    expect(await audits(a.id, 'win.void', winId)).toBe(1);
  });

  it("approveWinAction: ANALYST refused, another tenant's win not found, OPERATOR releases a held physical win to await its claim", async () => {
    const winId = await win(a, activityA, { held: true });
    const foreign = await win(b, activityB, { held: true });
    as('ANALYST');
    expect(await winners.approveWinAction(a.slug, winId)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    as('OPERATOR');
    expect(await winners.approveWinAction(a.slug, foreign)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await status(foreign)).toBe('HELD');
    const t0 = Date.now();
    expect(await winners.approveWinAction(a.slug, winId)).toMatchObject({
      ok: true,
      data: { status: 'AWAITING_CLAIM' },
    });
    const after = await db.win.findUniqueOrThrow({ where: { id: winId } });
    expect(after.status).toBe('AWAITING_CLAIM');
    // The claim window (48 h) starts at the approval.
    expect(after.claimExpiresAt!.getTime()).toBeGreaterThanOrEqual(t0 + 48 * 3600_000);
    expect(await winners.approveWinAction(a.slug, winId)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });
    expect(await audits(a.id, 'win.approve', winId)).toBe(1);
  });

  it("rejectWinAction: ANALYST refused, another tenant's win not found, OPERATOR voids a held win and returns its stock", async () => {
    const winId = await win(a, activityA, { held: true });
    const foreign = await win(b, activityB, { held: true });
    const before = await available(prizeA);
    as('ANALYST');
    expect(await winners.rejectWinAction(a.slug, winId, 'farm')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    as('OPERATOR');
    expect(await winners.rejectWinAction(a.slug, foreign, 'farm')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await status(foreign)).toBe('HELD');
    // Only held wins are reviewed.
    const plain = await win(a, activityA);
    expect(await winners.rejectWinAction(a.slug, plain, 'farm')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });
    expect(await winners.rejectWinAction(a.slug, winId, 'device farm')).toMatchObject({
      ok: true,
      data: { status: 'VOID' },
    });
    expect(await db.win.findUniqueOrThrow({ where: { id: winId } })).toMatchObject({
      status: 'VOID',
      voidReason: 'rejected in review: device farm',
    });
    expect(await available(prizeA)).toBe(before + 1);
    expect(await db.stockMovement.count({ where: { dedupeKey: `void:${winId}` } })).toBe(1);
  });

  it("bulkWinAction: ANALYST refused with nothing changed; another tenant's wins are reported not found; each change is audited", async () => {
    const mine = [await win(a, activityA), await win(a, activityA)];
    const foreign = await win(b, activityB);
    as('ANALYST');
    expect(await winners.bulkWinAction(a.slug, [...mine, foreign], { kind: 'void', reason: 'bulk' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await Promise.all(mine.map(status))).toEqual(['AWAITING_CLAIM', 'AWAITING_CLAIM']);
    as('OPERATOR');
    const result = await winners.bulkWinAction(a.slug, [...mine, foreign], { kind: 'void', reason: 'bulk clean-up' });
    expect(result).toMatchObject({ ok: true, data: { done: mine, failed: [{ winId: foreign, code: 'NOT_FOUND' }] } });
    expect(await Promise.all(mine.map(status))).toEqual(['VOID', 'VOID']);
    expect(await status(foreign)).toBe('AWAITING_CLAIM');
    for (const id of mine) expect(await audits(a.id, 'win.void', id)).toBe(1);
    expect(await winners.bulkWinAction(b.slug, [foreign], { kind: 'void', reason: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('bulkWinAction ship: one carrier, a tracking number per win; a win without an address fails alone', async () => {
    const claimed = [await win(a, activityA, { claimed: true }), await win(a, activityA, { claimed: true })];
    const unclaimed = await win(a, activityA);
    as('OPERATOR');
    const result = await winners.bulkWinAction(a.slug, [...claimed, unclaimed], {
      kind: 'ship',
      carrier: 'EMS',
      trackingNumbers: { [claimed[0]!]: 'EMS-1', [claimed[1]!]: 'EMS-2', [unclaimed]: 'EMS-3' },
    });
    expect(result).toMatchObject({
      ok: true,
      data: { done: claimed, failed: [{ winId: unclaimed, code: 'INVALID_STATE' }] },
    });
    expect((await db.win.findUniqueOrThrow({ where: { id: claimed[1]! } })).trackingNumber).toBe('EMS-2');
    // Approve and reject in bulk act on held wins only.
    const held = [await win(a, activityA, { held: true }), await win(a, activityA, { held: true })];
    expect(await winners.bulkWinAction(a.slug, [held[0]!], { kind: 'approve' })).toMatchObject({
      ok: true,
      data: { done: [held[0]] },
    });
    expect(await winners.bulkWinAction(a.slug, held, { kind: 'reject', reason: 'farm' })).toMatchObject({
      ok: true,
      data: { done: [held[1]], failed: [{ winId: held[0], code: 'INVALID_STATE' }] },
    });
  });
});

describe('settings actions (OWNER only)', () => {
  const refusedFor = async (call: () => Promise<unknown>) => {
    for (const role of ['ANALYST', 'OPERATOR'] as const) {
      as(role);
      expect(await call()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  };

  it('inviteMemberAction: refused for ANALYST and OPERATOR; another tenant is not found; an owner gets a one-time link', async () => {
    const email = `new-${randomUUID().slice(0, 8)}@test.local`;
    await refusedFor(() => settings.inviteMemberAction(a.slug, email, 'OPERATOR'));
    as('OWNER');
    expect(await settings.inviteMemberAction(b.slug, email, 'OPERATOR')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await db.invitation.count({ where: { email } })).toBe(0);
    const invited = await settings.inviteMemberAction(a.slug, email, 'OPERATOR');
    expect(invited).toMatchObject({ ok: true, data: { invitation: { email, role: 'OPERATOR' } } });
    const link = invited.ok ? invited.data.link : '';
    expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{40,}$/);
    // Stored hashed: the token is nowhere in the table.
    const token = link.split('/').pop()!;
    const row = await db.invitation.findFirstOrThrow({ where: { email } });
    expect(JSON.stringify(row)).not.toContain(token);
    expect(await audits(a.id, 'member.invite', row.id)).toBe(1);
    // Already a member: refused.
    const memberEmail = (await db.operator.findUniqueOrThrow({ where: { id: people.ANALYST } })).email;
    expect(await settings.inviteMemberAction(a.slug, memberEmail, 'OWNER')).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it("revokeInvitationAction: refused for ANALYST and OPERATOR; another tenant's invitation is not found", async () => {
    const mine = await inviteMember(a.id, testActor, {
      email: `r-${randomUUID().slice(0, 8)}@test.local`,
      role: 'ANALYST',
    });
    const theirs = await inviteMember(b.id, testActor, {
      email: `r-${randomUUID().slice(0, 8)}@test.local`,
      role: 'ANALYST',
    });
    await refusedFor(() => settings.revokeInvitationAction(a.slug, mine.invitation.id));
    as('OWNER');
    expect(await settings.revokeInvitationAction(a.slug, theirs.invitation.id)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await db.invitation.count({ where: { id: theirs.invitation.id } })).toBe(1);
    expect(await settings.revokeInvitationAction(a.slug, mine.invitation.id)).toMatchObject({ ok: true });
    expect(await db.invitation.count({ where: { id: mine.invitation.id } })).toBe(0);
  });

  it("changeMemberRoleAction: refused for ANALYST and OPERATOR; another tenant's member is not found; the last owner keeps the role", async () => {
    await refusedFor(() => settings.changeMemberRoleAction(a.slug, people.ANALYST, 'OWNER'));
    expect((await db.membership.findFirstOrThrow({ where: { tenantId: a.id, operatorId: people.ANALYST } })).role).toBe(
      'ANALYST',
    );
    as('OWNER');
    expect(await settings.changeMemberRoleAction(a.slug, peopleB.ANALYST, 'OWNER')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(
      (await db.membership.findFirstOrThrow({ where: { tenantId: b.id, operatorId: peopleB.ANALYST } })).role,
    ).toBe('ANALYST');
    expect(await settings.changeMemberRoleAction(a.slug, people.OWNER, 'ANALYST')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });
    expect(await settings.changeMemberRoleAction(a.slug, people.ANALYST, 'OPERATOR')).toMatchObject({
      ok: true,
      data: { role: 'OPERATOR' },
    });
    expect(
      await db.auditLog.findFirstOrThrow({
        where: { tenantId: a.id, action: 'member.changeRole', objectId: people.ANALYST },
      }),
    ).toMatchObject({ before: { role: 'ANALYST' }, after: { role: 'OPERATOR' } });
    expect(await settings.changeMemberRoleAction(a.slug, people.ANALYST, 'ANALYST')).toMatchObject({ ok: true });
  });

  it("removeMemberAction: refused for ANALYST and OPERATOR; another tenant's member is not found; the last owner stays", async () => {
    await refusedFor(() => settings.removeMemberAction(a.slug, people.ANALYST));
    as('OWNER');
    expect(await settings.removeMemberAction(a.slug, peopleB.OPERATOR)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await db.membership.count({ where: { tenantId: b.id, operatorId: peopleB.OPERATOR } })).toBe(1);
    expect(await settings.removeMemberAction(a.slug, people.OWNER)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });
    const extra = await membersOfEachRole(a.id);
    expect(await settings.removeMemberAction(a.slug, extra.ANALYST)).toMatchObject({ ok: true });
    expect(await db.membership.count({ where: { tenantId: a.id, operatorId: extra.ANALYST } })).toBe(0);
    // With a second owner, one of the two may go; then the other is the last again.
    expect(await settings.removeMemberAction(a.slug, extra.OWNER)).toMatchObject({ ok: true });
    expect(await settings.removeMemberAction(a.slug, people.OWNER)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });
  });

  it('rotateSecretAction: refused for ANALYST and OPERATOR; another tenant is not found; an owner gets the new secret', async () => {
    const secrets = async (id: string) =>
      db.tenant.findUniqueOrThrow({ where: { id }, select: { userTokenSecret: true, webhookSecret: true } });
    const before = await secrets(a.id);
    await refusedFor(() => settings.rotateSecretAction(a.slug, 'webhook'));
    as('OWNER');
    const beforeB = await secrets(b.id);
    expect(await settings.rotateSecretAction(b.slug, 'webhook')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await secrets(b.id)).toEqual(beforeB);
    expect(await secrets(a.id)).toEqual(before);
    expect(await settings.rotateSecretAction(a.slug, 'nonsense')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    const rotated = await settings.rotateSecretAction(a.slug, 'webhook');
    expect(rotated.ok).toBe(true);
    const after = await secrets(a.id);
    expect(after.webhookSecret).toBe(rotated.ok ? rotated.data.secret : '');
    expect(after.webhookSecret).not.toBe(before.webhookSecret);
    expect(after.userTokenSecret).toBe(before.userTokenSecret);
    // The audit entry holds fingerprints, never the secret.
    const entry = await db.auditLog.findFirstOrThrow({
      where: { tenantId: a.id, action: 'tenant.rotateWebhookSecret' },
      select: { before: true, after: true },
    });
    expect(entry.before).not.toEqual(entry.after);
    expect(JSON.stringify(entry)).not.toContain(after.webhookSecret);
    expect(JSON.stringify(entry)).not.toContain(before.webhookSecret);
  });
});

describe('settings webhook actions', () => {
  const refusedFor = async (call: () => Promise<unknown>) => {
    for (const role of ['ANALYST', 'OPERATOR'] as const) {
      as(role);
      expect(await call()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  };
  const input = { url: 'https://hooks.example.com/console', events: ['win.created'], fulfilment: true };

  it("create, disable and resend: owners only, another tenant's endpoint not found, bad input named", async () => {
    await refusedFor(() => settings.createWebhookEndpointAction(a.slug, input));
    as('OWNER');
    expect(await settings.createWebhookEndpointAction(b.slug, input)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(
      await settings.createWebhookEndpointAction(a.slug, { ...input, url: 'https://x.example/\u0000' }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const created = await settings.createWebhookEndpointAction(a.slug, input);
    if (!created.ok) throw new Error(JSON.stringify(created));
    expect(created.data.endpoint).toMatchObject({ url: input.url, fulfilment: true, enabled: true });
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: created.data.endpoint.id } })).secret).toBe(
      created.data.secret,
    );

    const foreign = await addWebhookEndpoint(b.id, 'https://hooks.example.com/b');
    await refusedFor(() => settings.setWebhookEndpointEnabledAction(a.slug, created.data.endpoint.id, false));
    as('OWNER');
    expect(await settings.setWebhookEndpointEnabledAction(a.slug, foreign.id, false)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: foreign.id } })).enabled).toBe(true);
    expect(
      await settings.setWebhookEndpointEnabledAction(a.slug, created.data.endpoint.id.toUpperCase(), false),
    ).toMatchObject({ ok: true, data: { endpoint: { enabled: false } } });

    const delivery = await db.webhookDelivery.create({
      data: {
        tenantId: a.id,
        endpointId: created.data.endpoint.id,
        eventId: randomUUID(),
        type: 'win.created',
        status: 'FAILED',
        expiresAt: new Date(),
      },
    });
    await refusedFor(() => settings.resendWebhookDeliveryAction(a.slug, created.data.endpoint.id, delivery.id));
    as('OWNER');
    expect(await settings.resendWebhookDeliveryAction(b.slug, created.data.endpoint.id, delivery.id)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await settings.resendWebhookDeliveryAction(a.slug, foreign.id, delivery.id)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await settings.resendWebhookDeliveryAction(a.slug, created.data.endpoint.id, delivery.id)).toMatchObject({
      ok: true,
      data: { delivery: { id: delivery.id, status: 'PENDING' } },
    });
  });
});

// Operator account security: password reset links (mailed to the outbox, one-time, expiring,
// superseded, the same answer for an unknown address, throttled), two-factor sign-in (enrol,
// confirm, sign in with a code, replay refused, recovery codes once, disable), the tenant's
// "require two-factor for owners", and the tenant scope of every console action that reaches them.

import { beforeAll, describe, expect, it, vi } from 'vitest';
import { authorizeSignIn, TWO_FACTOR_INVALID, TWO_FACTOR_REQUIRED } from '@/lib/auth/authorize-sign-in';
import { authorizeConsole, TwoFactorRequiredError } from '@/lib/auth/console-guard';
import {
  confirmTwoFactorEnrolment,
  disableTwoFactor,
  getTwoFactorStatus,
  RECOVERY_CODE_COUNT,
  startTwoFactorEnrolment,
} from '@/lib/auth/enrol-two-factor';
import { latestMailTo } from '@/lib/auth/mail-outbox';
import { nextAuthOptions } from '@/lib/auth/next-auth-options';
import {
  PASSWORD_RESET_LIMITS,
  PASSWORD_RESET_TTL_MINUTES,
  requestPasswordReset,
} from '@/lib/auth/request-password-reset';
import { setRequireOwnerTwoFactor } from '@/lib/auth/require-owner-two-factor';
import { getPasswordResetLink, resetPassword } from '@/lib/auth/reset-password';
import { isSessionEpochCurrent } from '@/lib/auth/session-epoch';
import { base32Decode, totpAt, TOTP_STEP_SECONDS } from '@/lib/auth/totp';
import { verifySecondFactor } from '@/lib/auth/verify-second-factor';
import { upsertOperator, verifyOperatorCredentials } from '@/lib/auth/verify-operator';
import { db } from '@/lib/db';
import { guardCredentialsSignIn } from '@/lib/http/guard-credentials-sign-in';
import { SIGN_IN_LIMITS } from '@/lib/auth/sign-in-throttle';
import { freshTenant, membersOfEachRole, uniqueSlug } from '../helpers/fixtures';

const session = vi.hoisted(() => ({ operatorId: null as string | null }));
vi.mock('server-only', () => ({}));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
vi.mock('next/headers', () => ({ headers: async () => new Headers() }));
vi.mock('next-auth/next', () => ({
  getServerSession: async () => (session.operatorId ? { user: { id: session.operatorId } } : null),
}));

const settings = await import('@/app/(console)/t/[tenant]/settings/actions');
const account = await import('@/app/(console)/account/security/actions');
const reset = await import('@/app/(console)/reset/actions');

const password = 'the-old-password-1';
const newPassword = 'a-brand-new-password-2';

async function newOperator() {
  const email = `${uniqueSlug('sec')}@test.local`;
  const op = await upsertOperator(email, 'Secure Person', password);
  return { id: op.id, email };
}

function tokenOfMail(body: string): string {
  const match = /\/reset\/([A-Za-z0-9_-]{43})/.exec(body);
  if (!match) throw new Error(`no reset link in: ${body}`);
  return match[1]!;
}

async function linkFor(email: string, now = Date.now()): Promise<string> {
  await requestPasswordReset({ email, ip: null }, now);
  return tokenOfMail((await latestMailTo(email))!.body);
}

/** Two-factor on for an operator; its secret, to make codes with. */
async function enrol(operatorId: string, now = Date.now()) {
  const { secret } = await startTwoFactorEnrolment(operatorId);
  const key = base32Decode(secret);
  const { recoveryCodes } = await confirmTwoFactorEnrolment(operatorId, totpAt(key, now), now);
  return { key, recoveryCodes };
}

describe('password reset', () => {
  it('mails a one-time link that sets the password once and signs out older sessions', async () => {
    const op = await newOperator();
    const epochBefore = (await db.operator.findUniqueOrThrow({ where: { id: op.id } })).sessionEpoch;
    const token = await linkFor(op.email);
    expect(await getPasswordResetLink(token)).toMatchObject({ email: op.email });
    const stored = await db.passwordReset.findFirstOrThrow({ where: { operatorId: op.id } });
    expect(stored.tokenHash).not.toContain(token);

    expect(await resetPassword({ token, password: newPassword })).toEqual({ email: op.email });
    expect(await verifyOperatorCredentials(op.email, newPassword)).not.toBeNull();
    expect(await verifyOperatorCredentials(op.email, password)).toBeNull();
    expect(await isSessionEpochCurrent(op.id, epochBefore)).toBe(false);
    expect(await isSessionEpochCurrent(op.id, epochBefore + 1)).toBe(true);

    // Used: refused, and the password stays.
    expect(await getPasswordResetLink(token)).toBeNull();
    await expect(resetPassword({ token, password: 'yet-another-password-3' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await verifyOperatorCredentials(op.email, newPassword)).not.toBeNull();
  });

  it('refuses an expired link', async () => {
    const op = await newOperator();
    const token = await linkFor(op.email, Date.now() - (PASSWORD_RESET_TTL_MINUTES * 60 + 1) * 1000);
    expect(await getPasswordResetLink(token)).toBeNull();
    await expect(resetPassword({ token, password: newPassword })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await verifyOperatorCredentials(op.email, password)).not.toBeNull();
  });

  it('a newer link voids the older one', async () => {
    const op = await newOperator();
    const older = await linkFor(op.email);
    const newer = await linkFor(op.email);
    await expect(resetPassword({ token: older, password: newPassword })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(resetPassword({ token: newer, password: newPassword })).resolves.toEqual({ email: op.email });
  });

  it('two submissions of one link at once: exactly one sets the password', async () => {
    const op = await newOperator();
    const token = await linkFor(op.email);
    const results = await Promise.allSettled([
      resetPassword({ token, password: newPassword }),
      resetPassword({ token, password: 'the-other-password-4' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('answers an unknown address exactly as a known one, mails nothing, and throttles both alike', async () => {
    const op = await newOperator();
    const unknown = `${uniqueSlug('nobody')}@test.local`;
    const known = await reset.requestPasswordResetAction(op.email);
    const stranger = await reset.requestPasswordResetAction(unknown);
    expect(stranger).toEqual(known);
    expect(known).toEqual({ ok: true, data: { sent: true } });
    expect(await latestMailTo(unknown)).toBeNull();
    expect(await latestMailTo(op.email)).not.toBeNull();

    for (const email of [op.email, unknown]) {
      for (let i = 1; i < PASSWORD_RESET_LIMITS.email.requests; i++)
        expect(await reset.requestPasswordResetAction(email)).toMatchObject({ ok: true });
      expect(await reset.requestPasswordResetAction(email)).toMatchObject({
        ok: false,
        error: { code: 'RATE_LIMITED' },
      });
    }
    expect(await db.passwordReset.count({ where: { operatorId: op.id } })).toBe(PASSWORD_RESET_LIMITS.email.requests);
  });

  it('refuses bad input naming the field, changing nothing', async () => {
    expect(await reset.requestPasswordResetAction('not-an-email')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('email') },
    });
    const op = await newOperator();
    const token = await linkFor(op.email);
    expect(await reset.resetPasswordAction(token, 'short')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('password') },
    });
    expect(await reset.resetPasswordAction('x'.repeat(500), newPassword)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('token') },
    });
    expect(await getPasswordResetLink(token)).not.toBeNull();
  });
});

describe('an owner mails a member a reset link from Settings', () => {
  let tenantA: Awaited<ReturnType<typeof freshTenant>>;
  let tenantB: Awaited<ReturnType<typeof freshTenant>>;
  let a: Record<'OWNER' | 'OPERATOR' | 'ANALYST', string>;
  let b: Record<'OWNER' | 'OPERATOR' | 'ANALYST', string>;
  beforeAll(async () => {
    [tenantA, tenantB] = await Promise.all([freshTenant(), freshTenant()]);
    a = await membersOfEachRole(tenantA.id);
    b = await membersOfEachRole(tenantB.id);
  });

  it("goes to the member's mailbox, never to the owner, audited with the owner's role", async () => {
    session.operatorId = a.OWNER;
    const result = await settings.issuePasswordResetAction(tenantA.slug, a.OPERATOR);
    const member = await db.operator.findUniqueOrThrow({ where: { id: a.OPERATOR } });
    expect(result).toMatchObject({ ok: true, data: { email: member.email } });
    expect(JSON.stringify(result)).not.toContain('/reset/');
    expect((await latestMailTo(member.email))?.body).toMatch(/\/reset\//);
    const audit = await db.auditLog.findFirstOrThrow({
      where: { tenantId: tenantA.id, action: 'member.passwordReset', objectId: a.OPERATOR },
    });
    expect(audit).toMatchObject({ actorId: a.OWNER, actorRole: 'OWNER' });
  });

  it("is OWNER only and tenant scoped: another tenant's operator is not found, nothing mailed", async () => {
    for (const role of ['OPERATOR', 'ANALYST'] as const) {
      session.operatorId = a[role];
      expect(await settings.issuePasswordResetAction(tenantA.slug, a.ANALYST)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    session.operatorId = a.OWNER;
    const outsider = await db.operator.findUniqueOrThrow({ where: { id: b.OPERATOR } });
    expect(await settings.issuePasswordResetAction(tenantA.slug, b.OPERATOR)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await settings.issuePasswordResetAction(tenantB.slug, b.OPERATOR)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await latestMailTo(outsider.email)).toBeNull();
    expect(await db.passwordReset.count({ where: { operatorId: b.OPERATOR } })).toBe(0);
  });
});

describe('two-factor sign-in', () => {
  it('is off until a code confirms the secret; then sign-in needs a code, once per step', async () => {
    const op = await newOperator();
    const { secret, uri } = await startTwoFactorEnrolment(op.id);
    expect(uri).toMatch(/^otpauth:\/\/totp\/Lottery%20Console:.+\?secret=[A-Z2-7]+&/);
    const stored = await db.operator.findUniqueOrThrow({ where: { id: op.id } });
    expect(stored.totpSecret).not.toContain(secret);
    expect(await authorizeSignIn({ email: op.email, password })).toMatchObject({ id: op.id });

    const key = base32Decode(secret);
    const now = Date.now();
    await expect(
      confirmTwoFactorEnrolment(op.id, totpAt(key, now + 5 * TOTP_STEP_SECONDS * 1000), now),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await getTwoFactorStatus(op.id)).enabled).toBe(false);
    const { recoveryCodes } = await confirmTwoFactorEnrolment(op.id, totpAt(key, now), now);
    expect(recoveryCodes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(recoveryCodes).size).toBe(RECOVERY_CODE_COUNT);
    expect(await getTwoFactorStatus(op.id)).toMatchObject({ enabled: true, recoveryCodesLeft: 10, pending: null });
    await expect(startTwoFactorEnrolment(op.id)).rejects.toMatchObject({ code: 'CONFLICT' });

    await expect(authorizeSignIn({ email: op.email, password })).rejects.toMatchObject({ code: TWO_FACTOR_REQUIRED });
    await expect(authorizeSignIn({ email: op.email, password, code: '000000' })).rejects.toMatchObject({
      code: TWO_FACTOR_INVALID,
    });
    // Wrong password: no second step at all.
    expect(await authorizeSignIn({ email: op.email, password: 'wrong-password', code: '123456' })).toBeNull();

    // The step after the enrolment's: accepted once, then its replay refused.
    const later = now + TOTP_STEP_SECONDS * 1000;
    const code = totpAt(key, later);
    expect(await verifySecondFactor(op.id, code, later)).toBe('totp');
    expect(await verifySecondFactor(op.id, code, later)).toBeNull();
    // An older step's code after a newer one: refused too.
    expect(await verifySecondFactor(op.id, totpAt(key, now), later)).toBeNull();
  });

  it('signs in through next-auth with the current code', async () => {
    const op = await newOperator();
    const { key } = await enrol(op.id, Date.now() - TOTP_STEP_SECONDS * 1000);
    const provider = nextAuthOptions().providers[0] as unknown as {
      options: { authorize: (c: Record<string, string>) => Promise<unknown> };
    };
    const authorize = (c: Record<string, string>) => provider.options.authorize(c);
    await expect(authorize({ email: op.email, password })).rejects.toThrow(TWO_FACTOR_REQUIRED);
    await expect(authorize({ email: op.email, password, code: '999999' })).rejects.toThrow(TWO_FACTOR_INVALID);
    const code = totpAt(key, Date.now());
    expect(await authorize({ email: op.email, password, code })).toMatchObject({ id: op.id });
    await expect(authorize({ email: op.email, password, code })).rejects.toThrow(TWO_FACTOR_INVALID);
  });

  it('a wrong code counts toward the sign-in throttle; asking for the code does not', async () => {
    const op = await newOperator();
    const request = () =>
      new Request('http://localhost:3000/api/auth/callback/credentials', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: op.email, password, code: '000000', csrfToken: 'x' }).toString(),
      });
    const answer = (error: string) => async () =>
      Response.json({ url: `http://localhost:3000/signin?error=${error}` }, { status: 401 });
    for (let i = 0; i < 3; i++)
      expect((await guardCredentialsSignIn(request(), answer(TWO_FACTOR_REQUIRED))).status).toBe(401);
    expect(await db.signInFailure.count({ where: { operatorId: op.id } })).toBe(0);
    for (let i = 0; i < SIGN_IN_LIMITS.account.failures; i++)
      expect((await guardCredentialsSignIn(request(), answer(TWO_FACTOR_INVALID))).status).toBe(401);
    expect(await db.signInFailure.count({ where: { operatorId: op.id, reason: 'wrong_code' } })).toBe(
      SIGN_IN_LIMITS.account.failures,
    );
    expect((await guardCredentialsSignIn(request(), answer(TWO_FACTOR_INVALID))).status).toBe(429);
  });

  it('a recovery code works once, in any case and spacing', async () => {
    const op = await newOperator();
    const { recoveryCodes } = await enrol(op.id);
    const [first, second] = recoveryCodes as [string, string];
    expect(await authorizeSignIn({ email: op.email, password, code: ` ${first.toUpperCase()} ` })).toMatchObject({
      id: op.id,
    });
    await expect(authorizeSignIn({ email: op.email, password, code: first })).rejects.toMatchObject({
      code: TWO_FACTOR_INVALID,
    });
    const both = await Promise.all([verifySecondFactor(op.id, second), verifySecondFactor(op.id, second)]);
    expect(both.filter((r) => r === 'recovery')).toHaveLength(1);
    expect((await getTwoFactorStatus(op.id)).recoveryCodesLeft).toBe(RECOVERY_CODE_COUNT - 2);
  });

  it('turning it off needs a code; then sign-in is one step again', async () => {
    const op = await newOperator();
    const { key } = await enrol(op.id, Date.now() - TOTP_STEP_SECONDS * 1000);
    session.operatorId = op.id;
    expect(await account.disableTwoFactorAction('123')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('code') },
    });
    await expect(disableTwoFactor(op.id, '000000')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await getTwoFactorStatus(op.id)).enabled).toBe(true);
    expect(await account.disableTwoFactorAction(totpAt(key, Date.now()))).toEqual({ ok: true, data: { off: true } });
    expect(await getTwoFactorStatus(op.id)).toMatchObject({ enabled: false, pending: null });
    expect(await authorizeSignIn({ email: op.email, password })).toMatchObject({ id: op.id });
  });

  it('account actions act on the signed-in operator only', async () => {
    session.operatorId = null;
    expect(await account.startTwoFactorAction()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const me = await newOperator();
    const other = await newOperator();
    session.operatorId = me.id;
    const started = await account.startTwoFactorAction();
    expect(started).toMatchObject({ ok: true });
    const secret = (started as { data: { secret: string } }).data.secret;
    expect(await account.confirmTwoFactorAction(totpAt(base32Decode(secret), Date.now()))).toMatchObject({ ok: true });
    expect((await getTwoFactorStatus(me.id)).enabled).toBe(true);
    expect(await getTwoFactorStatus(other.id)).toMatchObject({ enabled: false, pending: null });
  });

  it('a password reset leaves two-factor on', async () => {
    const op = await newOperator();
    await enrol(op.id);
    const token = await linkFor(op.email);
    await resetPassword({ token, password: newPassword });
    await expect(authorizeSignIn({ email: op.email, password: newPassword })).rejects.toMatchObject({
      code: TWO_FACTOR_REQUIRED,
    });
  });
});

describe('require two-factor for owners', () => {
  it('an owner without two-factor is held back from the console; other roles and tenants are not', async () => {
    const [tenant, other] = await Promise.all([freshTenant(), freshTenant()]);
    const people = await membersOfEachRole(tenant.id);
    const secondOwner = await newOperator();
    await db.membership.create({ data: { tenantId: tenant.id, operatorId: secondOwner.id, role: 'OWNER' } });
    await db.membership.create({ data: { tenantId: other.id, operatorId: secondOwner.id, role: 'OWNER' } });

    // Turning it on needs two-factor of the owner who does it.
    session.operatorId = people.OWNER;
    expect(await settings.setRequireOwnerTwoFactorAction(tenant.slug, true)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });
    await enrol(people.OWNER);
    expect(await settings.setRequireOwnerTwoFactorAction(tenant.slug, 'yes')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('required') },
    });
    expect(await settings.setRequireOwnerTwoFactorAction(tenant.slug, true)).toEqual({
      ok: true,
      data: { required: true },
    });
    const audit = await db.auditLog.findFirstOrThrow({
      where: { tenantId: tenant.id, action: 'tenant.requireOwnerTwoFactor' },
    });
    expect(audit).toMatchObject({ actorId: people.OWNER, actorRole: 'OWNER', after: { requireOwnerTwoFactor: true } });

    await expect(authorizeConsole(secondOwner.id, tenant.slug, 'ANALYST')).rejects.toBeInstanceOf(
      TwoFactorRequiredError,
    );
    session.operatorId = secondOwner.id;
    expect(await settings.issuePasswordResetAction(tenant.slug, people.ANALYST)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    // The same owner in a tenant that does not require it; an operator; the owner with it on.
    await expect(authorizeConsole(secondOwner.id, other.slug, 'OWNER')).resolves.toMatchObject({ role: 'OWNER' });
    await expect(authorizeConsole(people.OPERATOR, tenant.slug, 'OPERATOR')).resolves.toMatchObject({
      role: 'OPERATOR',
    });
    await expect(authorizeConsole(people.OWNER, tenant.slug, 'OWNER')).resolves.toMatchObject({ role: 'OWNER' });
    await enrol(secondOwner.id);
    await expect(authorizeConsole(secondOwner.id, tenant.slug, 'OWNER')).resolves.toMatchObject({ role: 'OWNER' });
  });

  it('is OWNER only and changes its own tenant only', async () => {
    const [tenant, other] = await Promise.all([freshTenant(), freshTenant()]);
    const people = await membersOfEachRole(tenant.id);
    const others = await membersOfEachRole(other.id);
    await enrol(people.OWNER);
    for (const role of ['OPERATOR', 'ANALYST'] as const) {
      session.operatorId = people[role];
      expect(await settings.setRequireOwnerTwoFactorAction(tenant.slug, false)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    session.operatorId = people.OWNER;
    expect(await settings.setRequireOwnerTwoFactorAction(other.slug, true)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect((await db.tenant.findUniqueOrThrow({ where: { id: other.id } })).requireOwnerTwoFactor).toBe(false);
    await expect(authorizeConsole(others.OWNER, other.slug, 'OWNER')).resolves.toMatchObject({ role: 'OWNER' });
    expect(await setRequireOwnerTwoFactor(tenant.id, { type: 'SYSTEM', id: 'test' }, true)).toEqual({
      required: true,
    });
  });
});

describe('the audit trail keeps the role of the time', () => {
  it("records an operator's role and an API key's scopes on the row", async () => {
    const tenant = await freshTenant();
    const people = await membersOfEachRole(tenant.id);
    const ctx = await authorizeConsole(people.OWNER, tenant.slug, 'OWNER');
    const { createApiKey } = await import('@/lib/auth/api-keys');
    await createApiKey(tenant.id, ctx.actor, 'by owner', { scopes: ['read'] });
    await db.membership.updateMany({
      where: { tenantId: tenant.id, operatorId: people.OWNER },
      data: { role: 'ANALYST' },
    });
    const row = await db.auditLog.findFirstOrThrow({
      where: { tenantId: tenant.id, actorId: people.OWNER },
      orderBy: { id: 'desc' },
    });
    expect(row.actorRole).toBe('OWNER');
    const { listAuditLogs } = await import('@/lib/audit/list-audit-logs');
    const { items } = await listAuditLogs(tenant.id, { limit: 10, actorType: 'OPERATOR' });
    expect(items[0]!.actor).toMatchObject({ role: 'OWNER', scopes: null });

    // An API key acting through the management API: its scopes of the time.
    const { key } = await createApiKey(tenant.id, ctx.actor, 'limited', { scopes: ['prizes:write'] });
    const { withApiKey } = await import('@/lib/http/handlers');
    const { writeAuditLog } = await import('@/lib/audit/write-audit-log');
    const route = withApiKey(async ({ tenantId, actor }) => {
      await writeAuditLog(tenantId, actor, { action: 'prize.test', objectType: 'Prize', objectId: 'p1' });
      return Response.json({});
    });
    const res = await route(
      new Request('http://localhost:3000/api/manage/prizes', {
        method: 'POST',
        headers: { authorization: `Bearer ${key}` },
      }),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(200);
    const byKey = await listAuditLogs(tenant.id, { limit: 1, actorType: 'API_KEY' });
    expect(byKey.items[0]!.actor).toMatchObject({ type: 'API_KEY', role: null, scopes: ['prizes:write'] });
  });
});

// Members of a tenant: an invitation link works once, expires, sets the password, and the new
// member signs in with the invited role; an existing operator joins with their own password
// (a link never resets it); a tenant never loses its last owner, even under a race. Rotating
// the user-token secret stops old tokens and makes new ones verify.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { authorizeConsole } from '@/lib/auth/console-guard';
import { rotateTenantSecret, getTenantSecretFingerprints } from '@/lib/auth/rotate-tenant-secret';
import { authenticateUserToken, mintUserToken } from '@/lib/auth/user-token';
import { upsertOperator, verifyOperatorCredentials } from '@/lib/auth/verify-operator';
import { db } from '@/lib/db';
import { acceptInvitation, getInvitation } from '@/lib/tenancy/accept-invitation';
import { changeMemberRole } from '@/lib/tenancy/change-membership';
import { INVITATION_TTL_HOURS, inviteMember } from '@/lib/tenancy/invite-member';
import { testActor } from '../helpers/activities';
import { freshTenant, membersOfEachRole } from '../helpers/fixtures';

const email = () => `m-${randomUUID().slice(0, 8)}@test.local`;
const password = 'a-long-new-password-1';

describe('invitations', () => {
  it('a link sets the password once; the new member signs in with the invited role and no more', async () => {
    const tenant = await freshTenant();
    const address = email();
    const { token } = await inviteMember(tenant.id, testActor, { email: address, role: 'OPERATOR' });
    expect(await getInvitation(token)).toMatchObject({ email: address, role: 'OPERATOR', hasAccount: false });

    const joined = await acceptInvitation(token, { kind: 'new', name: 'New Person', password });
    expect(joined).toEqual({ email: address, tenantSlug: tenant.slug, role: 'OPERATOR' });
    const who = await verifyOperatorCredentials(address, password);
    expect(who).toMatchObject({ email: address, name: 'New Person' });
    expect(await verifyOperatorCredentials(address, 'not-the-password')).toBeNull();
    expect(await authorizeConsole(who!.id, tenant.slug, 'OPERATOR')).toMatchObject({
      role: 'OPERATOR',
      tenantId: tenant.id,
    });
    await expect(authorizeConsole(who!.id, tenant.slug, 'OWNER')).rejects.toMatchObject({ code: 'FORBIDDEN' });

    // Once only: the page says so and a second submission changes nothing.
    expect(await getInvitation(token)).toBeNull();
    await expect(
      acceptInvitation(token, { kind: 'new', name: 'Someone Else', password: 'another-password-2' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await verifyOperatorCredentials(address, password)).not.toBeNull();
    expect(await db.auditLog.count({ where: { tenantId: tenant.id, action: 'member.join', objectId: who!.id } })).toBe(
      1,
    );
  });

  it('two submissions of one link at the same moment: exactly one joins', async () => {
    const tenant = await freshTenant();
    const address = email();
    const { token } = await inviteMember(tenant.id, testActor, { email: address, role: 'ANALYST' });
    const results = await Promise.allSettled([
      acceptInvitation(token, { kind: 'new', name: 'One', password }),
      acceptInvitation(token, { kind: 'new', name: 'Two', password: 'a-different-password-9' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await db.membership.count({ where: { tenantId: tenant.id, operator: { email: address } } })).toBe(1);
  });

  it('expires after its time; a newer invitation replaces the older link', async () => {
    const tenant = await freshTenant();
    const address = email();
    const now = Date.now();
    const first = await inviteMember(tenant.id, testActor, { email: address, role: 'ANALYST' }, now);
    const later = now + (INVITATION_TTL_HOURS * 3600 + 1) * 1000;
    expect(await getInvitation(first.token, later)).toBeNull();
    await expect(acceptInvitation(first.token, { kind: 'new', name: 'Late', password }, later)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await db.operator.count({ where: { email: address } })).toBe(0);

    const second = await inviteMember(tenant.id, testActor, { email: address, role: 'OWNER' });
    expect(await getInvitation(first.token)).toBeNull();
    await expect(acceptInvitation(first.token, { kind: 'new', name: 'Old link', password })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await acceptInvitation(second.token, { kind: 'new', name: 'On time', password })).toMatchObject({
      role: 'OWNER',
    });
    // A malformed or unknown token is just unusable.
    expect(await getInvitation('nope')).toBeNull();
    expect(await getInvitation('A'.repeat(43))).toBeNull();
  });

  it('an existing operator joins with their own password; the link cannot reset it', async () => {
    const home = await freshTenant();
    const other = await freshTenant();
    const address = email();
    const operator = await upsertOperator(address, 'Existing Person', 'their-own-password-1');
    await db.membership.create({ data: { tenantId: home.id, operatorId: operator.id, role: 'OWNER' } });
    const { token } = await inviteMember(other.id, testActor, { email: address, role: 'ANALYST' });
    expect(await getInvitation(token)).toMatchObject({ hasAccount: true });

    await expect(
      acceptInvitation(token, { kind: 'new', name: 'Hijack', password: 'attacker-password-1' }),
    ).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(acceptInvitation(token, { kind: 'existing', password: 'wrong-password' })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    expect(await verifyOperatorCredentials(address, 'attacker-password-1')).toBeNull();
    expect(await getInvitation(token)).not.toBeNull();

    expect(await acceptInvitation(token, { kind: 'existing', password: 'their-own-password-1' })).toMatchObject({
      tenantSlug: other.slug,
      role: 'ANALYST',
    });
    expect(await verifyOperatorCredentials(address, 'their-own-password-1')).toMatchObject({ id: operator.id });
    expect(await authorizeConsole(operator.id, other.slug, 'ANALYST')).toMatchObject({ role: 'ANALYST' });
    expect(await authorizeConsole(operator.id, home.slug, 'OWNER')).toMatchObject({ role: 'OWNER' });
  });
});

describe('owners', () => {
  it('two owners demoting each other at the same moment leave one owner', async () => {
    const tenant = await freshTenant();
    const people = await membersOfEachRole(tenant.id);
    const second = await upsertOperator(email(), 'Second Owner', 'pw-for-tests-1');
    await db.membership.create({ data: { tenantId: tenant.id, operatorId: second.id, role: 'OWNER' } });
    const results = await Promise.allSettled([
      changeMemberRole(tenant.id, { type: 'OPERATOR', id: second.id }, people.OWNER, 'OPERATOR'),
      changeMemberRole(tenant.id, { type: 'OPERATOR', id: people.OWNER }, second.id, 'OPERATOR'),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await db.membership.count({ where: { tenantId: tenant.id, role: 'OWNER' } })).toBe(1);
  });
});

describe('secret rotation', () => {
  it('tokens signed with the old user-token secret stop verifying; tokens with the new one verify', async () => {
    const tenant = await freshTenant();
    const oldToken = await tenant.userToken('alice');
    const auth = (token: string) => authenticateUserToken(`Bearer ${token}`);
    expect(await auth(oldToken)).toMatchObject({ tenantId: tenant.id, userId: 'alice' });
    const fingerprintsBefore = await getTenantSecretFingerprints(tenant.id);

    const { secret, fingerprint } = await rotateTenantSecret(tenant.id, testActor, 'userToken');
    expect(secret).not.toBe(tenant.userTokenSecret);
    await expect(auth(oldToken)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const newToken = await mintUserToken(secret, { tenantSlug: tenant.slug, userId: 'alice' }, 3600);
    expect(await auth(newToken)).toMatchObject({ tenantId: tenant.id, userId: 'alice' });

    // What the settings page reads afterwards: fingerprints only, the webhook one untouched.
    const after = await getTenantSecretFingerprints(tenant.id);
    expect(after).toEqual({ userToken: fingerprint, webhook: fingerprintsBefore.webhook });
    expect(after.userToken).not.toBe(fingerprintsBefore.userToken);
    expect(JSON.stringify(after)).not.toContain(secret);
    expect((await db.tenant.findUniqueOrThrow({ where: { id: tenant.id } })).webhookSecret).toBe(tenant.webhookSecret);
  });
});

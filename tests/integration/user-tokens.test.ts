import { createHmac } from 'node:crypto';
import { SignJWT, base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import { GET as myWins } from '@/app/api/v1/me/wins/route';
import { rotateTenantSecret } from '@/lib/auth/rotate-tenant-secret';
import { testActor } from '../helpers/activities';
import { bearer, callRoute, freshTenant } from '../helpers/fixtures';

const key = (secret: string) => new TextEncoder().encode(secret);
const now = () => Math.floor(Date.now() / 1000);

describe('end-user tokens on GET /api/v1/me/wins', () => {
  it('accept a token signed with the tenant secret', async () => {
    const t = await freshTenant();
    const res = await callRoute(myWins, { headers: bearer(await t.userToken('alice')) });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ wins: [] });
  });

  it('refuse bad signatures, alg none, other algorithms, expiry, missing claims and other tenants', async () => {
    const a = await freshTenant();
    const b = await freshTenant();
    const sign = (claims: Record<string, unknown>, secret = a.userTokenSecret, alg = 'HS256') =>
      new SignJWT(claims).setProtectedHeader({ alg }).sign(key(secret));
    const unsigned = `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${base64url.encode(JSON.stringify({ sub: 'u', tid: a.slug, exp: now() + 600 }))}.`;
    const cases: Record<string, string> = {
      'missing header': '',
      'wrong secret': await sign({ sub: 'u', tid: a.slug, exp: now() + 600 }, 'not-the-secret-at-all-xxxxxxxxxxxxxxxx'),
      'alg none': unsigned,
      HS512: await sign({ sub: 'u', tid: a.slug, exp: now() + 600 }, a.userTokenSecret, 'HS512'),
      expired: await a.userToken('u', -60),
      'no exp': await sign({ sub: 'u', tid: a.slug }),
      'no sub': await sign({ tid: a.slug, exp: now() + 600 }),
      'no tid': await sign({ sub: 'u', exp: now() + 600 }),
      "tenant B's tid with tenant A's secret": await sign({ sub: 'u', tid: b.slug, exp: now() + 600 }),
      'unknown tenant': await sign({ sub: 'u', tid: 'no-such-tenant-xyz', exp: now() + 600 }),
      garbage: 'abc.def.ghi',
    };
    // The same signature over another payload, a cut signature, and headers this verifier must not accept.
    const good = await sign({ sub: 'u', tid: a.slug, exp: now() + 600 });
    const [h, , sig] = good.split('.');
    cases['payload swapped under a valid signature'] =
      `${h}.${base64url.encode(JSON.stringify({ sub: 'admin', tid: a.slug, exp: now() + 600 }))}.${sig}`;
    cases['signature cut short'] = good.slice(0, -4);
    cases['four parts'] = `${good}.xx`;
    cases['padded base64'] = `${good}=`;
    // Correctly signed, but with a critical extension: it must be refused, not ignored.
    const critInput = `${base64url.encode(JSON.stringify({ alg: 'HS256', crit: ['x'], x: 1 }))}.${base64url.encode(JSON.stringify({ sub: 'u', tid: a.slug, exp: now() + 600 }))}`;
    cases['crit header'] =
      `${critInput}.${createHmac('sha256', a.userTokenSecret).update(critInput).digest('base64url')}`;
    cases['not before in the future'] = await sign({ sub: 'u', tid: a.slug, exp: now() + 600, nbf: now() + 300 });
    cases['payload is an array'] = `${h}.${base64url.encode('[1]')}.${sig}`;
    for (const [why, token] of Object.entries(cases)) {
      const res = await callRoute(myWins, { headers: token ? bearer(token) : {} });
      expect(res.status, why).toBe(401);
      expect(res.json.error.code, why).toBe('UNAUTHORIZED');
    }
  });

  it('stop a token this process verified before, once it expires or its secret is rotated', async () => {
    const t = await freshTenant();
    const status = async (token: string) => (await callRoute(myWins, { headers: bearer(token) })).status;

    // Whole seconds: a 1-second lifetime signed late in a second may have lapsed by the first call.
    const shortLived = await t.userToken('brief', 3);
    const expiresAt = JSON.parse(Buffer.from(shortLived.split('.')[1]!, 'base64url').toString()).exp as number;
    expect(await status(shortLived)).toBe(200);
    expect(await status(shortLived)).toBe(200);
    while (now() < expiresAt) await new Promise((r) => setTimeout(r, 100));
    expect(await status(shortLived)).toBe(401);

    const token = await t.userToken('kept');
    expect(await status(token)).toBe(200);
    expect(await status(token)).toBe(200);
    await rotateTenantSecret(t.id, testActor, 'userToken');
    expect(await status(token)).toBe(401);
  });
});

// The guard around next-auth's credentials callback, with real Redis and PostgreSQL and a stand-in
// for next-auth answering as it does: failures counted and recorded until the account is refused
// (429, before next-auth is asked), a busy hasher mapped to 429, a success clearing the account's
// count and a refused CSRF token not, a huge body refused unread.
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { SIGN_IN_LIMITS } from '@/lib/auth/sign-in-throttle';
import { db } from '@/lib/db';
import { guardCredentialsSignIn } from '@/lib/http/guard-credentials-sign-in';
import { closeQueues } from '@/lib/queues';

const URL_BASE = 'http://localhost:3000';

function signInRequest(email: string, body?: string): Request {
  return new Request(`${URL_BASE}/api/auth/callback/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body:
      body ?? new URLSearchParams({ email, password: 'secret-typed-here', csrfToken: 'x', json: 'true' }).toString(),
  });
}

/** What next-auth answers (json=true): its error in the url; a session cookie on success. */
function nextAuthAnswer(kind: 'wrong' | 'busy' | 'csrf' | 'ok'): () => Promise<Response> {
  return async () => {
    if (kind === 'ok')
      return Response.json(
        { url: `${URL_BASE}/` },
        { headers: { 'set-cookie': 'next-auth.session-token=abc; Path=/; HttpOnly' } },
      );
    if (kind === 'csrf') return Response.json({ url: `${URL_BASE}/signin?csrf=true` });
    return Response.json(
      { url: `${URL_BASE}/signin?error=${kind === 'busy' ? 'SignInBusy' : 'CredentialsSignin'}` },
      { status: 401 },
    );
  };
}

async function newOperatorEmail() {
  const email = `guard-${randomBytes(5).toString('hex')}@test.local`;
  const op = await db.operator.create({
    data: { email, name: 'Guarded', passwordHash: 'scrypt$1$1$1$x$y' },
    select: { id: true },
  });
  return { email, id: op.id };
}

afterAll(async () => {
  await closeQueues();
});

describe('the credentials sign-in guard', () => {
  it('records each failure, then refuses the account with 429 and Retry-After without asking next-auth', async () => {
    const { email, id } = await newOperatorEmail();
    for (let i = 0; i < SIGN_IN_LIMITS.account.failures; i++) {
      expect((await guardCredentialsSignIn(signInRequest(email), nextAuthAnswer('wrong'))).status).toBe(401);
    }
    let asked = false;
    const refused = await guardCredentialsSignIn(
      signInRequest(email.toUpperCase()),
      async () => ((asked = true), nextAuthAnswer('ok')()),
    );
    expect(asked).toBe(false);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({
      url: expect.stringMatching(/\/signin\?error=TooManyAttempts$/),
      error: { code: 'RATE_LIMITED' },
    });
    const rows = await db.signInFailure.findMany({ where: { operatorId: id } });
    expect(rows).toHaveLength(SIGN_IN_LIMITS.account.failures);
    expect(rows.every((r) => r.reason === 'wrong_password' && r.email === email)).toBe(true);
    expect(JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).not.toContain('secret-typed-here');
  });

  it('answers a busy hasher with 429 and Retry-After: 1, counting nothing', async () => {
    const { email, id } = await newOperatorEmail();
    const busy = await guardCredentialsSignIn(signInRequest(email), nextAuthAnswer('busy'));
    expect(busy.status).toBe(429);
    expect(busy.headers.get('retry-after')).toBe('1');
    expect(await busy.json()).toMatchObject({ url: expect.stringMatching(/error=SignInBusy$/) });
    expect(await db.signInFailure.count({ where: { operatorId: id } })).toBe(0);
  });

  it("a success forgets the account's failures; a refused CSRF token does not", async () => {
    const { email } = await newOperatorEmail();
    const fail = () => guardCredentialsSignIn(signInRequest(email), nextAuthAnswer('wrong'));
    for (let i = 1; i < SIGN_IN_LIMITS.account.failures; i++) await fail();
    expect((await guardCredentialsSignIn(signInRequest(email), nextAuthAnswer('csrf'))).status).toBe(200);
    expect((await fail()).status).toBe(401);
    expect((await guardCredentialsSignIn(signInRequest(email), nextAuthAnswer('ok'))).status).toBe(429);

    const other = await newOperatorEmail();
    for (let i = 1; i < SIGN_IN_LIMITS.account.failures; i++)
      await guardCredentialsSignIn(signInRequest(other.email), nextAuthAnswer('wrong'));
    expect((await guardCredentialsSignIn(signInRequest(other.email), nextAuthAnswer('ok'))).status).toBe(200);
    for (let i = 1; i < SIGN_IN_LIMITS.account.failures; i++) {
      expect((await guardCredentialsSignIn(signInRequest(other.email), nextAuthAnswer('wrong'))).status).toBe(401);
    }
  });

  it('keeps what was typed as the email only when it is one, and refuses a huge body unread', async () => {
    const typed = `not an email ${randomBytes(4).toString('hex')}`;
    await guardCredentialsSignIn(signInRequest(typed), nextAuthAnswer('wrong'));
    const row = await db.signInFailure.findFirstOrThrow({ where: { reason: 'malformed' }, orderBy: { id: 'desc' } });
    expect(row.email).toBeNull();
    let asked = false;
    const huge = await guardCredentialsSignIn(
      signInRequest('', `email=a@b.c&password=${'x'.repeat(20_000)}`),
      async () => ((asked = true), new Response()),
    );
    expect(huge.status).toBe(413);
    expect(asked).toBe(false);
  });
});

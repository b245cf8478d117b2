// A real console session, obtained as a browser would: next-auth's CSRF token, then its
// credentials callback; the session cookie it sets is what the server actions then carry.
import { cookiesOf, jsonOf, send } from './http-client';

export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const csrf = await send(baseUrl, { method: 'GET', path: '/api/auth/csrf', headers: {} });
  const token = (jsonOf(csrf) as { csrfToken?: string } | undefined)?.csrfToken;
  if (csrf.status !== 200 || !token) throw new Error(`next-auth gave no CSRF token (${csrf.status})`);
  const jar = cookiesOf(csrf);
  const form = new URLSearchParams({ csrfToken: token, email, password, json: 'true' }).toString();
  const res = await send(baseUrl, {
    method: 'POST',
    path: '/api/auth/callback/credentials',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.join('; ') },
    body: Buffer.from(form),
  });
  const session = cookiesOf(res).find((c) => /^(__Secure-)?next-auth\.session-token=/.test(c));
  if (!session)
    throw new Error(`sign-in of ${email} failed (${res.status}): ${res.body.toString('utf8').slice(0, 200)}`);
  return session;
}

/** The CSRF cookie and token for a sign-in attempt the fuzz mutates. */
export async function csrfPair(baseUrl: string): Promise<{ cookie: string; token: string }> {
  const csrf = await send(baseUrl, { method: 'GET', path: '/api/auth/csrf', headers: {} });
  const token = (jsonOf(csrf) as { csrfToken?: string } | undefined)?.csrfToken ?? '';
  return { cookie: cookiesOf(csrf).join('; '), token };
}

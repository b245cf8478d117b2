// Console boundaries a stream of single requests cannot show: whether its pages may be framed,
// and whether a run of wrong passwords is ever told to slow down.
import type { Finding } from './books';

/** Console pages a browser may not frame: X-Frame-Options or a CSP frame-ancestors. */
export async function framingFindings(baseUrl: string, pages: { path: string; cookie?: string }[]): Promise<Finding[]> {
  const { send } = await import('./http-client');
  const out: Finding[] = [];
  for (const p of pages) {
    const a = await send(baseUrl, { method: 'GET', path: p.path, headers: p.cookie ? { cookie: p.cookie } : {} });
    const xfo = String(a.headers['x-frame-options'] ?? '').toUpperCase();
    const csp = String(a.headers['content-security-policy'] ?? '');
    if (xfo !== 'DENY' && xfo !== 'SAMEORIGIN' && !/frame-ancestors\s+('none'|'self')/.test(csp)) {
      out.push({
        kind: 'console page can be framed',
        subject: `GET ${p.path} (${a.status})`,
        detail:
          'no X-Frame-Options DENY and no CSP frame-ancestors ' +
          `(x-frame-options: ${xfo || 'absent'}; content-security-policy: ${csp || 'absent'})`,
      });
    }
  }
  return out;
}

/** Wrong passwords for one account in a row: somewhere the console must say "slow down". */
export async function signInThrottleFindings(baseUrl: string, email: string, attempts = 20): Promise<Finding[]> {
  const { csrfPair } = await import('./console-session');
  const { send } = await import('./http-client');
  for (let i = 0; i < attempts; i++) {
    const pair = await csrfPair(baseUrl);
    const body = new URLSearchParams({
      csrfToken: pair.token,
      email,
      password: `wrong-password-${i}`,
      json: 'true',
    }).toString();
    const a = await send(baseUrl, {
      method: 'POST',
      path: '/api/auth/callback/credentials',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: pair.cookie },
      body: Buffer.from(body),
    });
    const said = `${a.body.toString('utf8')} ${String(a.headers.location ?? '')}`;
    if (a.status === 429 || /throttl|too ?many|retry|locked|slow ?down/i.test(said)) return [];
  }
  return [
    {
      kind: 'sign-in is not throttled',
      subject: email,
      detail: `${attempts} wrong passwords in a row for one account, none refused as too many`,
    },
  ];
}

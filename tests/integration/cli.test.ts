import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { GET as myWins } from '@/app/api/v1/me/wins/route';
import { GET as listPrizes, POST as createPrize } from '@/app/api/manage/prizes/route';
import { bearer, callRoute, uniqueSlug } from '../helpers/fixtures';

const run = promisify(execFile);
const npmRun = (...args: string[]) => run('npm', ['run', '-s', ...args], { env: process.env });

describe('local tooling (npm run apikey, token)', () => {
  it('npm run -s apikey creates the tenant and prints only a working key', async () => {
    const slug = uniqueSlug('cli');
    const { stdout } = await npmRun('apikey', '--', '--tenant', slug);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect((await callRoute(listPrizes, { headers: bearer(lines[0]!) })).status).toBe(200);
  });

  it('npm run -s apikey --scope read prints a key that reads and is refused a write (403)', async () => {
    const slug = uniqueSlug('cli');
    const { stdout } = await npmRun('apikey', '--', '--tenant', slug, '--scope', 'read');
    const key = stdout.trim();
    expect((await callRoute(listPrizes, { headers: bearer(key) })).status).toBe(200);
    const write = await callRoute(createPrize, {
      method: 'POST',
      headers: bearer(key),
      body: { name: 'Cap', kind: 'physical', stock: 1 },
    });
    expect(write.status).toBe(403);
    expect(write.json.error.code).toBe('FORBIDDEN');
    await expect(npmRun('apikey', '--', '--tenant', slug, '--scope', 'everything')).rejects.toThrow();
  });

  it('npm run -s token prints one working token per --user, in order, with device and ttl', async () => {
    const slug = uniqueSlug('cli');
    await npmRun('apikey', '--', '--tenant', slug);
    const { stdout } = await npmRun(
      'token',
      '--',
      '--tenant',
      slug,
      '--user',
      'u1',
      '--user',
      'u2',
      '--device',
      'd9',
      '--ttl',
      '120',
    );
    const tokens = stdout.trim().split('\n');
    expect(tokens.map((t) => decodeJwt(t).sub)).toEqual(['u1', 'u2']);
    const claims = decodeJwt(tokens[0]!);
    expect(claims).toMatchObject({ tid: slug, dev: 'd9' });
    expect(claims.exp! - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(120);
    expect((await callRoute(myWins, { headers: bearer(tokens[1]!) })).status).toBe(200);

    const expired = (await npmRun('token', '--', '--tenant', slug, '--user', 'u1', '--ttl', '-60')).stdout.trim();
    expect((await callRoute(myWins, { headers: bearer(expired) })).status).toBe(401);
  });

  it('say what is wrong on stderr and exit non-zero on bad arguments', async () => {
    await expect(npmRun('token', '--', '--tenant', 'demo')).rejects.toMatchObject({
      code: 1,
      stdout: '',
      stderr: expect.stringContaining('usage'),
    });
  });
});

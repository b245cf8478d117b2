// The fuzz suite's judgements of the server: the path each route's generator builds, and when a
// recorded client address proves that the server believed a made-up X-Forwarded-For.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forwardedForBelieved } from '@/tests/fuzz/books';
import { mixedCase } from '@/tests/fuzz/hostile';
import type { Ctx } from '@/tests/fuzz/call';
import { listRouteFiles } from '@/tests/fuzz/inventory';
import { buildModel } from '@/tests/fuzz/model';
import type { Tenant } from '@/tests/fuzz/world';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function tenant(n: number): Tenant {
  const person = (k: number) => ({ id: uuid(n * 100 + k), email: `p${k}@t${n}.test` });
  const activity = (k: number, status: string) => ({
    id: uuid(n * 100 + k),
    status,
    version: 1,
    prizeIds: [uuid(n * 100 + 50)],
    tiers: [{ id: uuid(n * 100 + 60 + k), probability: 0.5, stock: 5 }],
    tasks: [{ id: uuid(n * 100 + 70 + k), kind: 'DAILY', eventType: null }],
  });
  return {
    id: uuid(n),
    slug: `t${n}`,
    userTokenSecret: 's'.repeat(32),
    webhookSecret: 'w'.repeat(32),
    apiKey: `key-${n}`,
    apiKeyId: uuid(n * 100 + 1),
    revokedApiKey: `revoked-${n}`,
    owner: person(2),
    analyst: person(3),
    operator: person(4),
    sessions: { owner: 'o=1', analyst: 'a=1', operator: 'p=1' },
    users: ['ann', 'bob'],
    inviteTokens: ['invite'],
    view: {
      activities: ['DRAFT', 'SCHEDULED', 'LIVE', 'PAUSED', 'ENDED', 'SETTLED'].map((s, i) => activity(10 + i, s)),
      prizes: [{ id: uuid(n * 100 + 50), kind: 'PHYSICAL' }],
      wins: [{ id: uuid(n * 100 + 80), status: 'AWAITING_CLAIM', userId: 'ann', kind: 'PHYSICAL' }],
      riskRules: [{ id: uuid(n * 100 + 81), enabled: true }],
      riskEntries: [{ id: uuid(n * 100 + 82) }],
      alerts: [{ id: uuid(n * 100 + 83) }],
      apiKeys: [{ id: uuid(n * 100 + 1), revoked: false }],
      invitations: [{ id: uuid(n * 100 + 84) }],
      members: [{ operatorId: uuid(n * 100 + 2), role: 'OWNER' }],
      webhookEndpoints: [{ id: uuid(n * 100 + 85) }],
      webhookDeliveries: [{ id: uuid(n * 100 + 86), endpointId: uuid(n * 100 + 85) }],
    },
  };
}

describe('the fuzz model', () => {
  it('sends each route’s valid requests, and its probes of unserved methods, to a path of that very route', async () => {
    const ctx: Ctx = {
      t: tenant(1),
      bystander: tenant(2),
      intruder: tenant(3),
      baseUrl: 'http://127.0.0.1:1',
      nodeOnlyZones: ['Europe/Berlin'],
      uploads: [],
      actionPage: () => undefined,
    };
    const routes = buildModel(listRouteFiles(process.cwd())).filter((e) => /^[A-Z]+ \//.test(e.covers));
    const wrong: string[] = [];
    for (const e of routes) {
      const pattern = e.covers.split(' ')[1]!;
      const route = new RegExp(`^${pattern.replace(/\[\.\.\.\w+\]/g, '.+').replace(/\[\w+\]/g, '[^/]+')}$`);
      const [valid] = fc.sample(
        e.arbitrary(ctx).filter((d) => d.mutation === null),
        { numRuns: 1, seed: 1 },
      );
      const call = await e.render(ctx, valid!);
      const pathname = call.path.split('?')[0]!;
      if (!route.test(pathname)) wrong.push(`${e.name}: ${pathname}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('a made-up X-Forwarded-For', () => {
  const peer = '127.0.0.1';

  it('was believed when its first hop, not the peer, is the recorded address', () => {
    expect(forwardedForBelieved('6.6.6.6', '6.6.6.6', peer)).toBe(true);
    expect(forwardedForBelieved('10.0.0.1, 6.6.6.6', '10.0.0.1', peer)).toBe(true);
    expect(forwardedForBelieved('6.6.6.6', peer, peer)).toBe(false);
  });

  it('proves nothing when it names the peer the request really came from', () => {
    expect(forwardedForBelieved('127.0.0.1', '127.0.0.1', peer)).toBe(false);
    expect(forwardedForBelieved(' 127.0.0.1 ', '::ffff:127.0.0.1', peer)).toBe(false);
    expect(forwardedForBelieved(undefined, peer, peer)).toBe(false);
  });
});

describe('an id in mixed case', () => {
  it('differs from the lower- and the upper-case spelling, even when every letter sits at an even position', () => {
    const id = '923191b5-6a12-4929-9e6c-368502612843';
    expect(mixedCase(id)).toBe('923191B5-6a12-4929-9E6c-368502612843');
    fc.assert(
      fc.property(fc.uuid(), (uuid) => {
        const letters = uuid.replace(/[^a-f]/g, '').length;
        fc.pre(letters >= 2);
        const mixed = mixedCase(uuid);
        return mixed !== uuid && mixed !== uuid.toUpperCase() && mixed.toLowerCase() === uuid;
      }),
    );
  });
});

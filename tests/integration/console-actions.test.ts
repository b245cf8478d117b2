// Every console server action is guarded on the server: an ANALYST (and, for OWNER-only
// actions, an OPERATOR) is refused, and another tenant's object is simply not found.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { createApiKey } from '@/lib/auth/api-keys';
import { freshTenant, membersOfEachRole } from '../helpers/fixtures';

const session = vi.hoisted(() => ({ operatorId: null as string | null }));
vi.mock('server-only', () => ({}));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
vi.mock('next-auth/next', () => ({
  getServerSession: async () => (session.operatorId ? { user: { id: session.operatorId } } : null),
}));

const { createApiKeyAction, revokeApiKeyAction } = await import('@/app/(console)/t/[tenant]/settings/actions');

type Role = 'OWNER' | 'OPERATOR' | 'ANALYST';
let tenantA: Awaited<ReturnType<typeof freshTenant>>;
let tenantB: Awaited<ReturnType<typeof freshTenant>>;
const people = {} as Record<Role, string>;

beforeAll(async () => {
  tenantA = await freshTenant();
  tenantB = await freshTenant();
  Object.assign(people, await membersOfEachRole(tenantA.id));
});

const as = (role: Role | null) => {
  session.operatorId = role ? people[role] : null;
};

describe('console server actions', () => {
  it('createApiKeyAction: OWNER only, refused on the server for ANALYST and OPERATOR, nothing written', async () => {
    const before = await db.apiKey.count({ where: { tenantId: tenantA.id } });
    for (const role of ['ANALYST', 'OPERATOR'] as const) {
      as(role);
      expect(await createApiKeyAction(tenantA.slug, 'sneaky')).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    as(null);
    expect(await createApiKeyAction(tenantA.slug, 'anon')).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    });
    expect(await db.apiKey.count({ where: { tenantId: tenantA.id } })).toBe(before);
    as('OWNER');
    const created = await createApiKeyAction(tenantA.slug, 'automation');
    expect(created).toMatchObject({ ok: true });
    expect(await db.apiKey.count({ where: { tenantId: tenantA.id } })).toBe(before + 1);
  });

  it('createApiKeyAction: another tenant is not found, even for an owner elsewhere', async () => {
    as('OWNER');
    expect(await createApiKeyAction(tenantB.slug, 'cross')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await db.apiKey.count({ where: { tenantId: tenantB.id, name: 'cross' } })).toBe(0);
  });

  it("revokeApiKeyAction: refused for ANALYST and OPERATOR; another tenant's key is not found", async () => {
    const { apiKey } = await createApiKey(tenantA.id, { type: 'SYSTEM', id: 'test' }, 'to revoke');
    for (const role of ['ANALYST', 'OPERATOR'] as const) {
      as(role);
      expect(await revokeApiKeyAction(tenantA.slug, apiKey.id)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).revokedAt).toBeNull();
    as('OWNER');
    // Tenant B's key through tenant A's console: not found, and untouched.
    expect(await revokeApiKeyAction(tenantA.slug, tenantB.apiKeyId)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: tenantB.apiKeyId } })).revokedAt).toBeNull();
    expect(await revokeApiKeyAction(tenantA.slug, apiKey.id)).toMatchObject({ ok: true });
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).revokedAt).toBeInstanceOf(Date);
  });
});

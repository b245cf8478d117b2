// Fresh tenants and callers for integration tests: every test works in its own tenant.
import { randomBytes } from 'node:crypto';
import { createApiKey } from '../../lib/auth/api-keys';
import { mintUserToken } from '../../lib/auth/user-token';
import { db } from '../../lib/db';
import { ensureTenant } from '../../lib/tenancy/ensure-tenant';

export const uniqueSlug = (prefix = 't') => `${prefix}-${randomBytes(5).toString('hex')}`;

export async function freshTenant() {
  const tenant = await ensureTenant(uniqueSlug());
  const { key, apiKey } = await createApiKey(tenant.id, { type: 'SYSTEM', id: 'test' }, 'test key');
  const secrets = await db.tenant.findUniqueOrThrow({
    where: { id: tenant.id },
    select: { userTokenSecret: true, webhookSecret: true },
  });
  return {
    ...tenant,
    apiKey: key,
    apiKeyId: apiKey.id,
    ...secrets,
    userToken: (userId: string, ttlSeconds = 3600) =>
      mintUserToken(secrets.userTokenSecret, { tenantSlug: tenant.slug, userId }, ttlSeconds),
  };
}

type RouteHandler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response> | Response;

/** Calls a route handler exactly as Next.js would, without a server. */
export async function callRoute(
  handler: RouteHandler,
  {
    method = 'GET',
    path = '/',
    headers = {},
    body,
    params = {},
  }: {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | object;
    params?: Record<string, string>;
  } = {},
) {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    if (typeof body !== 'string') (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  const res = await handler(new Request(`http://localhost${path}`, init), { params: Promise.resolve(params) });
  const text = await res.text();
  let json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export type ConsoleRole = 'OWNER' | 'OPERATOR' | 'ANALYST';

/** One operator of each role in the tenant; returns their ids by role. */
export async function membersOfEachRole(tenantId: string): Promise<Record<ConsoleRole, string>> {
  const { upsertOperator } = await import('../../lib/auth/verify-operator');
  const ids = {} as Record<ConsoleRole, string>;
  for (const role of ['OWNER', 'OPERATOR', 'ANALYST'] as const) {
    const op = await upsertOperator(
      `${uniqueSlug(role.toLowerCase())}@test.local`,
      `${role[0]}${role.slice(1).toLowerCase()} Person`,
      'pw-for-tests-1',
    );
    await db.membership.create({ data: { tenantId, operatorId: op.id, role } });
    ids[role] = op.id;
  }
  return ids;
}

// Fresh tenants and callers for integration tests: every test works in its own tenant.
import { randomBytes } from 'node:crypto';
import { afterAll } from 'vitest';
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

// Lane mode (TEST_THROUGH_HOT_LANE=1): hot routes go over a socket to the hot lane (through-lane.ts).
const throughLane = process.env.TEST_THROUGH_HOT_LANE === '1' ? import('./through-lane') : null;
if (throughLane) afterAll(async () => (await throughLane).stopLane());

/**
 * Calls a route handler exactly as Next.js would, without a server; in lane mode, a hot route's
 * handler through the production server's hot lane instead, over a real HTTP request.
 */
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
  const request = new Request(`http://localhost${path}`, init);
  const lane = throughLane && (await throughLane);
  const viaLane = lane && (await lane.lanePath(handler, { method: request.method, path, params }));
  const answer =
    (viaLane && (await lane.sendThroughLane(viaLane, request))) || (await callDirectly(handler, request, params));
  const text = answer.text;
  let json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: answer.status, headers: answer.headers, json, text };
}

async function callDirectly(handler: RouteHandler, request: Request, params: Record<string, string>) {
  const res = await handler(request, { params: Promise.resolve(params) });
  return { status: res.status, headers: res.headers, text: await res.text() };
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

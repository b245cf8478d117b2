// Every route file under app/api answers every HTTP method: what it serves, and for every other
// method a 405 in the API's error shape with an Allow header (Next's own 405 has no body). The
// methods go through Next's own dispatch (autoImplementMethods), as a request would.
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { autoImplementMethods } from 'next/dist/server/route-modules/app-route/helpers/auto-implement-methods';
import { HTTP_METHODS, type HttpMethod } from '@/lib/http/other-methods';

/** What each route file serves. A route file missing here, or listed but gone, fails the test. */
const SERVED: Record<string, HttpMethod[]> = {
  'auth/[...nextauth]': ['GET', 'POST'],
  'health/live': ['GET'],
  docs: ['GET'],
  health: ['GET'],
  'manage/activities': ['POST'],
  'manage/activities/[id]': ['GET', 'PATCH'],
  'manage/activities/[id]/end': ['POST'],
  'manage/activities/[id]/fairness/rotate': ['POST'],
  'manage/activities/[id]/pause': ['POST'],
  'manage/activities/[id]/publish': ['POST'],
  'manage/activities/[id]/resume': ['POST'],
  'manage/activities/[id]/stats': ['GET'],
  'manage/activities/[id]/versions': ['GET'],
  'manage/activities/[id]/versions/[version]': ['GET'],
  'manage/activities/[id]/versions/[version]/restore': ['POST'],
  'manage/activities/[id]/changes': ['POST'],
  'manage/changes': ['GET'],
  'manage/changes/[changeId]': ['GET', 'PATCH', 'DELETE'],
  'manage/changes/[changeId]/approve': ['POST'],
  'manage/changes/[changeId]/reject': ['POST'],
  'manage/settings/approvals': ['GET', 'PUT'],
  'manage/activities/[id]/stock': ['POST'],
  'manage/activities/[id]/tiers/[tierId]': ['PATCH'],
  'manage/activities/[id]/winners': ['GET'],
  'manage/prizes': ['GET', 'POST'],
  'manage/prizes/[prizeId]': ['GET', 'PATCH'],
  'manage/prizes/[prizeId]/restock': ['POST'],
  'manage/webhook-endpoints': ['GET', 'POST'],
  'manage/webhook-endpoints/[id]': ['GET', 'PATCH', 'DELETE'],
  'manage/webhook-endpoints/[id]/deliveries': ['GET'],
  'manage/webhook-endpoints/[id]/deliveries/[deliveryId]': ['GET'],
  'manage/webhook-endpoints/[id]/deliveries/[deliveryId]/retry': ['POST'],
  'manage/webhook-endpoints/[id]/rotate-secret': ['POST'],
  'manage/prizes/[prizeId]/codes': ['POST'],
  'manage/risk/rules': ['GET', 'POST'],
  'manage/risk/rules/[id]': ['PATCH', 'DELETE'],
  'manage/risk/lists': ['POST'],
  'manage/risk/events': ['GET'],
  'manage/audit': ['GET'],
  'manage/wins/[winId]/ship': ['POST'],
  'manage/wins/[winId]/void': ['POST'],
  'manage/wins/[winId]/approve': ['POST'],
  'manage/wins/[winId]/reject': ['POST'],
  'v1/activities/[activityId]': ['GET'],
  'v1/activities/[activityId]/draws': ['POST'],
  'v1/activities/[activityId]/fairness': ['GET'],
  'v1/activities/[activityId]/views': ['POST'],
  'v1/draws/[drawId]/proof': ['GET'],
  'v1/activities/[activityId]/me': ['GET'],
  'v1/activities/[activityId]/me/draws': ['GET'],
  'v1/activities/[activityId]/tasks/[taskId]/complete': ['POST'],
  'v1/events': ['POST'],
  'v1/me/wins': ['GET'],
  'v1/openapi.json': ['GET'],
  'v1/wins/[winId]/claim': ['POST'],
};
/** The API's 404 for any other path: every method. */
const CATCH_ALL = '[...path]';

const apiDir = path.resolve(import.meta.dirname, '../../app/api');

function routeFiles(dir = apiDir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(full);
    return e.name === 'route.ts' ? [path.relative(apiDir, dir)] : [];
  });
}

type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
type Module = Record<string, Handler>;

const load = async (route: string) => (await import(/* @vite-ignore */ path.join(apiDir, route, 'route.ts'))) as Module;

/** Calls one method of a route as Next would: the module's handler, or Next's own stand-in. */
async function call(route: string, method: HttpMethod) {
  const mod = await load(route);
  const handlers = autoImplementMethods(mod as never) as unknown as Module;
  const params: Record<string, string | string[]> = {};
  for (const [, name] of route.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)) {
    params[name!] = name === 'path' || name === 'nextauth' ? ['x'] : randomUUID();
  }
  const req = new Request(`http://localhost/api/${route}`, { method });
  const res = await handlers[method]!(req, { params: Promise.resolve(params) });
  const text = await res.text();
  const json = text ? (JSON.parse(text) as { error?: { code: string; message: string } }) : null;
  return { status: res.status, allow: res.headers.get('allow'), json };
}

describe('methods a route does not serve', () => {
  it('every route file under app/api is listed with what it serves', () => {
    expect(
      routeFiles()
        .filter((r) => r !== CATCH_ALL)
        .sort(),
    ).toEqual(Object.keys(SERVED).sort());
  });

  for (const [route, served] of Object.entries(SERVED)) {
    it(`/api/${route}: 405 in the error shape, with Allow, for all but ${served.join(', ')}`, async () => {
      const mod = await load(route);
      // The route file itself answers every method: none falls to Next's bodiless 405.
      for (const method of HTTP_METHODS) expect(typeof mod[method], `${route} exports ${method}`).toBe('function');
      const allow = [...new Set([...served, ...(served.includes('GET') ? ['HEAD'] : []), 'OPTIONS'])];
      const unserved = HTTP_METHODS.filter((m) => !allow.includes(m));
      expect(unserved.length).toBeGreaterThan(0);
      for (const method of unserved) {
        const res = await call(route, method);
        expect(res.status, `${method} /api/${route}`).toBe(405);
        expect(res.json).toEqual({ error: { code: 'METHOD_NOT_ALLOWED', message: expect.stringContaining(method) } });
        expect(res.allow?.split(', ').sort()).toEqual([...allow].sort());
      }
      const options = await call(route, 'OPTIONS');
      expect(options.status).toBe(204);
      expect(options.allow?.split(', ').sort()).toEqual([...allow].sort());
    });
  }

  it(`/api/${CATCH_ALL}: any other path is a 404 in the error shape, whatever the method`, async () => {
    for (const method of HTTP_METHODS) {
      const res = await call(CATCH_ALL, method);
      expect(res.status, method).toBe(404);
      if (method !== 'HEAD') expect(res.json?.error?.code).toBe('NOT_FOUND');
    }
  });
});

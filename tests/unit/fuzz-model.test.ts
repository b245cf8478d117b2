// The fuzz suite's own machinery (tests/fuzz/): what it must cover is read from the project, a
// generated request carries exactly one hostile change, and server action answers are decoded.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HTTP_METHODS, exportedMethods, listRouteFiles, listServerActions, routePattern } from '@/tests/fuzz/inventory';
import { buildModel, checkCoverage } from '@/tests/fuzz/model';
import { RawJson } from '@/tests/fuzz/hostile';
import { jsonText, leaf, obj, requestArbitrary } from '@/tests/fuzz/template';
import { actionOutcome } from '@/tests/fuzz/server-action';
import { actionKey } from '@/tests/fuzz/inventory';

const root = process.cwd();
const MISSING = 'is missing from the fuzz model (tests/fuzz/model.ts)';

describe('the fuzz inventory', () => {
  it('reads a route file’s methods however they are exported', () => {
    expect(
      exportedMethods('export const GET = x;\nexport async function POST() {}\nexport function PATCH() {}'),
    ).toEqual(['GET', 'POST', 'PATCH']);
    expect(exportedMethods('const h = x;\nexport { h as GET, h as DELETE, other }')).toEqual(['GET', 'DELETE']);
    expect(routePattern('app/(console)/t/[tenant]/winners/winners.csv/route.ts')).toBe(
      '/t/[tenant]/winners/winners.csv',
    );
  });

  it('finds the project’s routes and server actions', () => {
    const files = listRouteFiles(root);
    expect(files.find((f) => f.pattern === '/api/manage/prizes')?.methods).toEqual(['GET', 'POST']);
    expect(files.find((f) => f.pattern === '/api/v1/activities/[activityId]/draws')?.methods).toEqual(['POST']);
    expect(listServerActions(root).map((a) => actionKey(a.file, a.name))).toContain(
      'app/(console)/t/[tenant]/prizes/actions.ts#restockPrizeAction',
    );
  });

  it('covers every route method and server action of the project, and names what it misses', () => {
    const files = listRouteFiles(root);
    const actions = listServerActions(root);
    const model = buildModel(files);
    const built = new Map(actions.map((a) => [actionKey(a.file, a.name), {}]));
    expect(checkCoverage(files, actions, model, built)).toEqual([]);

    const added = [
      ...files,
      { file: 'app/api/v1/new-thing/route.ts', pattern: '/api/v1/new-thing', methods: ['GET' as const] },
    ];
    const newAction = [...actions, { file: 'app/(console)/t/[tenant]/x/actions.ts', name: 'newAction' }];
    expect(checkCoverage(added, newAction, model, built)).toEqual([
      `route GET /api/v1/new-thing (app/api/v1/new-thing/route.ts) ${MISSING}`,
      `server action app/(console)/t/[tenant]/x/actions.ts#newAction ${MISSING}`,
    ]);
  });

  it('probes every method a route file does not serve', () => {
    const files = listRouteFiles(root);
    const names = new Set(buildModel(files).map((e) => e.covers));
    for (const f of files.filter((x) => x.pattern.startsWith('/api/v1/'))) {
      for (const m of HTTP_METHODS.filter((x) => !f.methods.includes(x)))
        expect(names).toContain(`${m} ${f.pattern} (not served)`);
    }
  });
});

describe('a generated request', () => {
  const parts = {
    body: {
      place: 'json' as const,
      node: obj({
        name: leaf(fc.constant('ok'), () => fc.constant({ label: 'text:nul', value: 'a\u0000' })),
        n: leaf(fc.constant(1), () => fc.constant({ label: 'int:huge', value: 2 ** 53 })),
      }),
    },
  };

  it('is valid, or carries exactly one hostile change that it names', () => {
    fc.assert(
      fc.property(requestArbitrary(parts), (d) => {
        if (d.where === 'body') return d.mutation !== null;
        const body = d.values.body as Record<string, unknown>;
        const changed = Number(body.name !== 'ok') + Number(body.n !== 1);
        if (d.mutation === null) return changed === 0 && d.where === null;
        // A change of the object's own shape (a field missing or added, another type) or of one field.
        return changed <= 1 && ['body.name', 'body.n'].includes(d.where!);
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('writes raw JSON where JSON.stringify cannot', () => {
    expect(jsonText({ a: new RawJson('1e999'), b: [new RawJson('-0')], c: 'x' })).toBe('{"a":1e999,"b":[-0],"c":"x"}');
    expect(jsonText(Object.fromEntries([['__proto__', { polluted: true }]]))).toBe('{"__proto__":{"polluted":true}}');
  });
});

describe('a server action answer', () => {
  it('gives the action’s result from the Flight rows, or what it threw', () => {
    const ok = Buffer.from(
      '2:"$Sreact.fragment"\n0:{"a":"$@1","q":"","i":false}\n' +
        '1:{"ok":false,"error":{"code":"NOT_FOUND","message":"$$1 not found"}}\n',
    );
    expect(actionOutcome(ok)).toEqual({
      kind: 'result',
      value: { ok: false, error: { code: 'NOT_FOUND', message: '$1 not found' } },
    });
    const text = Buffer.from('0:{"a":"$@1"}\n1:{"ok":true,"data":"$2"}\n2:T5,a\nbcd\n');
    expect(actionOutcome(text)).toEqual({ kind: 'result', value: { ok: true, data: 'a\nbcd' } });
    const thrown = Buffer.from('0:{"a":"$@1","q":""}\n1:E{"digest":"4171667419"}\n');
    expect(actionOutcome(thrown)).toEqual({ kind: 'thrown', value: '{"digest":"4171667419"}' });
  });
});

describe('the fuzz client', () => {
  it('calls a request a hang when the answer does not come in time, however slowly it trickles', async () => {
    const { createServer } = await import('node:http');
    const { send, closeClient } = await import('@/tests/fuzz/http-client');
    const server = createServer((req, res) => {
      if (req.url === '/slow') {
        res.writeHead(200);
        res.write('x');
        return; // never ends
      }
      res.end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      expect(await send(base, { method: 'GET', path: '/slow', headers: {} }, { answerWithinMs: 200 })).toMatchObject({
        hung: true,
        status: 0,
      });
      expect(await send(base, { method: 'GET', path: '/fast', headers: {} }, { answerWithinMs: 200 })).toMatchObject({
        hung: false,
        status: 200,
      });
    } finally {
      closeClient();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});

import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '@/lib/openapi/openapi-document';
import { renderApiDocs } from '@/lib/openapi/render-docs';

/** Every route file under app/api/{v1,manage} → its OpenAPI path. */
function routePaths(dir: string, prefix: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...routePaths(full, `${prefix}/${entry.replace(/^\[(.+)\]$/, '{$1}')}`));
    else if (entry === 'route.ts') out.push(prefix);
  }
  return out;
}

type Operation = {
  tags?: string[];
  security?: unknown[];
  responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
};
const doc = JSON.parse(JSON.stringify(openApiDocument())) as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, object>; securitySchemes: Record<string, object> };
  tags: { name: string }[];
  webhooks: Record<string, unknown>;
};
const methods = ['get', 'post', 'put', 'patch', 'delete'];
const operations = Object.entries(doc.paths).flatMap(([p, ops]) =>
  methods.filter((m) => ops[m]).map((m) => ({ id: `${m} ${p}`, op: ops[m]! })),
);

// Compiling the whole document's schemas takes seconds on a busy machine.
describe('GET /api/v1/openapi.json', { timeout: 60_000 }, () => {
  it('documents every public and management route', () => {
    const documented = Object.keys(openApiDocument().paths);
    const routes = [...routePaths('app/api/v1', '/api/v1'), ...routePaths('app/api/manage', '/api/manage')].filter(
      (p) => p !== '/api/v1/openapi.json',
    );
    expect(routes.filter((r) => !documented.includes(r))).toEqual([]);
  });

  it('is serialisable JSON with the request schemas from zod', () => {
    expect(doc.components.schemas.ActivitySpec).toHaveProperty('properties.tiers');
    expect(doc.components.schemas.CreatePrize).toHaveProperty('additionalProperties', false);
  });

  it('passes the OpenAPI 3.1 schema validator with no errors', async () => {
    const result = await new Validator().validate(openApiDocument());
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('the validator does refuse a broken document (a response without its description)', async () => {
    const broken = JSON.parse(JSON.stringify(openApiDocument()));
    delete broken.paths['/api/manage/prizes'].post.responses['201'].description;
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it('has component schemas that compile as JSON Schema draft 2020-12, every $ref resolving', () => {
    const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
    const ajv = addFormats(new Ajv2020({ strict: true, strictRequired: false }));
    ajv.addKeyword('example');
    // The components as $defs of one schema, so that their $refs resolve inside it.
    const $defs = JSON.parse(
      JSON.stringify(doc.components.schemas).replaceAll('#/components/schemas/', '#/$defs/'),
    ) as Record<string, object>;
    const all = Object.keys($defs).map((name) => ({ $ref: `#/$defs/${name}` }));
    expect(() => ajv.compile({ $defs, anyOf: all })).not.toThrow();
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.filter((r) => !doc.components.schemas[r])).toEqual([]);
  });

  it('gives every operation a tag, its security and the Error schema for each error status', () => {
    const tags = new Set(doc.tags.map((t) => t.name));
    for (const { id, op } of operations) {
      expect(op.tags?.every((t) => tags.has(t)) && op.tags.length > 0, `${id}: tags`).toBe(true);
      expect(op.security, `${id}: security`).toBeDefined();
      for (const s of op.security!)
        for (const k of Object.keys(s as object)) expect(doc.components.securitySchemes).toHaveProperty(k);
      const errorStatuses = Object.keys(op.responses).filter((s) => Number(s) >= 400 && s !== '503');
      for (const s of errorStatuses)
        expect(op.responses[s]!.content!['application/json']!.schema.$ref, `${id} ${s}`).toBe(
          '#/components/schemas/Error',
        );
      expect(
        Object.keys(op.responses).some((s) => Number(s) < 300),
        `${id}: a success answer`,
      ).toBe(true);
    }
  });

  it('describes every outbound webhook event type', () => {
    expect(Object.keys(doc.webhooks).sort()).toEqual([
      'activity.ended',
      'activity.started',
      'alert.raised',
      'claim.expired',
      'win.claimed',
      'win.created',
      'win.shipped',
      'win.voided',
    ]);
  });

  it('renders as one page for people: every operation and webhook, text escaped, no script', () => {
    const html = renderApiDocs(openApiDocument());
    for (const { id } of operations) {
      const [method, p] = id.split(' ') as [string, string];
      expect(html).toContain(`id="op-${method}-${p.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')}"`);
    }
    for (const hook of Object.keys(doc.webhooks)) expect(html).toContain(`id="hook-post-${hook.replace('.', '-')}"`);
    expect(html).toContain('sha256=&lt;hex HMAC-SHA256');
    expect(html).not.toMatch(/<script|<link|src=/i);
  });
});

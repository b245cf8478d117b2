import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '@/lib/openapi/openapi-document';

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

describe('GET /api/v1/openapi.json', () => {
  it('documents every public and management route', () => {
    const documented = Object.keys(openApiDocument().paths);
    const routes = [...routePaths('app/api/v1', '/api/v1'), ...routePaths('app/api/manage', '/api/manage')].filter(
      (p) => p !== '/api/v1/openapi.json',
    );
    expect(routes.filter((r) => !documented.includes(r))).toEqual([]);
  });

  it('is serialisable JSON with the request schemas from zod', () => {
    const doc = JSON.parse(JSON.stringify(openApiDocument()));
    expect(doc.components.schemas.ActivitySpec.properties.tiers).toBeDefined();
    expect(doc.components.schemas.CreatePrize.additionalProperties).toBe(false);
  });
});

// npm run -s apikey -- --tenant <slug> [--name <label>] [--scope <scope> ...]
// Creates the tenant when it does not exist, then creates and prints a management API key. The key
// may do everything unless --scope limits it (repeated, or comma-separated): "read" for a
// read-only key, or write scopes such as wins:write (lib/auth/api-key-scopes.ts).
import { parseArgs } from 'node:util';
import { createApiKey } from '../lib/auth/api-keys';
import { API_KEY_SCOPES, ApiKeyScopes } from '../lib/auth/api-key-scopes';
import { ensureTenant } from '../lib/tenancy/ensure-tenant';
import { TenantSlug } from '../lib/tenancy/schemas';
import { runCli } from './cli';

runCli(async () => {
  const { values } = parseArgs({
    options: { tenant: { type: 'string' }, name: { type: 'string' }, scope: { type: 'string', multiple: true } },
    strict: true,
  });
  if (!values.tenant) throw new Error('usage: npm run -s apikey -- --tenant <slug> [--name <label>] [--scope <scope>]');
  const given = (values.scope ?? []).flatMap((s) => s.split(',')).map((s) => s.trim());
  const parsed = ApiKeyScopes.safeParse(given.length ? given : ['*']);
  if (!parsed.success) throw new Error(`--scope: one or more of ${API_KEY_SCOPES.join(', ')}, no repeats`);
  const tenant = await ensureTenant(TenantSlug.parse(values.tenant));
  const { key } = await createApiKey(
    tenant.id,
    { type: 'SYSTEM', id: 'cli' },
    values.name ?? 'created by npm run apikey',
    { scopes: parsed.data },
  );
  process.stdout.write(`${key}\n`);
});

// npm run -s apikey -- --tenant <slug> [--name <label>]
// Creates the tenant when it does not exist, then creates and prints a management API key.
import { parseArgs } from 'node:util';
import { createApiKey } from '../lib/auth/api-keys';
import { ensureTenant } from '../lib/tenancy/ensure-tenant';
import { TenantSlug } from '../lib/tenancy/schemas';
import { runCli } from './cli';

runCli(async () => {
  const { values } = parseArgs({ options: { tenant: { type: 'string' }, name: { type: 'string' } }, strict: true });
  if (!values.tenant) throw new Error('usage: npm run -s apikey -- --tenant <slug> [--name <label>]');
  const tenant = await ensureTenant(TenantSlug.parse(values.tenant));
  const { key } = await createApiKey(
    tenant.id,
    { type: 'SYSTEM', id: 'cli' },
    values.name ?? 'created by npm run apikey',
  );
  process.stdout.write(`${key}\n`);
});

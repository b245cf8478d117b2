// npm run -s token -- --tenant <slug> --user <id> [--user <id> ...] [--device <id>] [--ttl <seconds>] [--acct <unix seconds>]
// Prints one end-user token per --user, in order.
import { parseArgs } from 'node:util';
import { db } from '../lib/db';
import { mintUserToken } from '../lib/auth/user-token';
import { ensureTenant } from '../lib/tenancy/ensure-tenant';
import { TenantSlug } from '../lib/tenancy/schemas';
import { runCli } from './cli';

runCli(async () => {
  const { values } = parseArgs({
    args: joinNegativeNumbers(process.argv.slice(2)),
    options: {
      tenant: { type: 'string' },
      user: { type: 'string', multiple: true },
      device: { type: 'string' },
      ttl: { type: 'string' },
      acct: { type: 'string' },
    },
    strict: true,
  });
  if (!values.tenant || !values.user?.length)
    throw new Error(
      'usage: npm run -s token -- --tenant <slug> --user <id> [--user <id> ...] [--device <id>] [--ttl <seconds>]',
    );
  const slug = TenantSlug.parse(values.tenant);
  const ttlSeconds = values.ttl === undefined ? 7 * 24 * 3600 : Number(values.ttl);
  if (!Number.isInteger(ttlSeconds)) throw new Error('--ttl must be a whole number of seconds');
  const acct = values.acct === undefined ? undefined : Number(values.acct);
  await ensureTenant(slug);
  const tenant = await db.tenant.findUniqueOrThrow({ where: { slug }, select: { userTokenSecret: true } });
  for (const userId of values.user) {
    const token = await mintUserToken(
      tenant.userTokenSecret,
      { tenantSlug: slug, userId, deviceId: values.device, accountCreatedAt: acct },
      ttlSeconds,
    );
    process.stdout.write(`${token}\n`);
  }
});

/** `--ttl -60` (an expired token, for tests) reads as an option to parseArgs; join it into `--ttl=-60`. */
function joinNegativeNumbers(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const next = args[i + 1];
    if ((args[i] === '--ttl' || args[i] === '--acct') && next !== undefined && /^-\d+$/.test(next)) {
      out.push(`${args[i]}=${next}`);
      i++;
    } else out.push(args[i]!);
  }
  return out;
}

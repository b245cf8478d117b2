// Makes sure PostgreSQL and Redis answer. A local server that is installed but stopped is
// started; otherwise one line says how to start it. Exit 1 if either stays unreachable.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import net from 'node:net';
import { config, ConfigError } from '../lib/config';

function reachable(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const isLocal = (host: string) => ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host);
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

async function waitFor(host: string, port: number, seconds: number) {
  for (let i = 0; i < seconds * 4; i++) {
    if (await reachable(host, port)) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

function startPostgres(): boolean {
  if (!has('pg_ctlcluster') || !existsSync('/etc/postgresql')) return false;
  for (const version of readdirSync('/etc/postgresql')) {
    for (const cluster of readdirSync(`/etc/postgresql/${version}`)) {
      spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, cluster, 'start'], { stdio: 'ignore' });
    }
  }
  return true;
}

function startRedis(port: number): boolean {
  if (!has('redis-server')) return false;
  const dir = existsSync('/var/lib/redis') ? '/var/lib/redis' : '/tmp';
  execFileSync(
    'redis-server',
    [
      '--daemonize',
      'yes',
      '--bind',
      '127.0.0.1',
      '--port',
      String(port),
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
    ],
    { stdio: 'ignore' },
  );
  return true;
}

type Service = {
  name: string;
  url: string;
  defaultPort: number;
  /** Starts a local server on that port; false when there is none to start. */
  start: (port: number) => boolean;
  /** Said when the service is still unreachable. */
  howTo: string;
};

async function ensure({ name, url, defaultPort, start, howTo }: Service): Promise<boolean> {
  const u = new URL(url);
  const host = u.hostname;
  const port = Number(u.port || defaultPort);
  if (await reachable(host, port)) return true;
  if (isLocal(host) && start(port) && (await waitFor(host, port, 20))) {
    console.error(`started the local ${name} on port ${port}`);
    return true;
  }
  console.error(`${name} is not reachable at ${host}:${port}: ${howTo}`);
  return false;
}

async function main() {
  let c;
  try {
    c = config();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const pgOk = await ensure({
    name: 'PostgreSQL',
    url: c.DATABASE_URL,
    defaultPort: 5432,
    start: startPostgres,
    howTo:
      'start it (Debian: `pg_ctlcluster <version> main start`; elsewhere `docker compose up -d postgres`)' +
      ' or set DATABASE_URL',
  });
  const redisOk = await ensure({
    name: 'Redis',
    url: c.REDIS_URL,
    defaultPort: 6379,
    start: startRedis,
    howTo: 'start it (`redis-server --daemonize yes`; elsewhere `docker compose up -d redis`) or set REDIS_URL',
  });
  process.exit(pgOk && redisOk ? 0 : 1);
}

void main();

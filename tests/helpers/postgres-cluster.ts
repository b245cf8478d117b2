// A private PostgreSQL cluster for fault tests that kill or restart the database: initdb and
// postgres in a temporary directory on a free port, run as the `postgres` OS user (PostgreSQL
// refuses to run as root). Never the shared server.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './free-port';

const run = promisify(execFile);

/** The newest installed PostgreSQL's bin folder (/usr/lib/postgresql/<major>/bin). */
function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((d) => /^\d+$/.test(d)) : [];
  const newest = majors.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error(`no PostgreSQL under ${root}`);
  return path.join(root, newest, 'bin');
}

/** uid and gid to run as: the `postgres` OS user when we are root, ourselves otherwise. */
async function runAs(): Promise<{ uid: number; gid: number } | Record<string, never>> {
  if (userInfo().uid !== 0) return {};
  const [uid, gid] = await Promise.all(
    ['-u', '-g'].map(async (flag) => Number((await run('id', [flag, 'postgres'])).stdout.trim())),
  );
  return { uid: uid!, gid: gid! };
}

export class PostgresCluster {
  private server: ChildProcess | null = null;

  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly bin: string,
    private readonly user: { uid?: number; gid?: number },
  ) {}

  /** initdb in a new temporary folder, then start the server; resolves once it accepts connections. */
  static async start(): Promise<PostgresCluster> {
    const bin = postgresBin();
    const user = await runAs();
    const dir = mkdtempSync(path.join(tmpdir(), 'pg-cluster-'));
    if (user.uid !== undefined) chownSync(dir, user.uid, user.gid!);
    const cluster = new PostgresCluster(dir, await freePort(), bin, user);
    await run(
      path.join(bin, 'initdb'),
      ['-D', cluster.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--locale=C'],
      { ...user, cwd: dir },
    );
    await cluster.startServer();
    return cluster;
  }

  private get dataDir() {
    return path.join(this.dir, 'data');
  }

  /** A connection string for `database` on this cluster. */
  url(database = 'postgres'): string {
    return `postgresql://postgres:postgres@127.0.0.1:${this.port}/${database}`;
  }

  get running(): boolean {
    return this.server !== null;
  }

  /**
   * SIGKILL to the postmaster and every backend at once (its own process group): a crash, no
   * shutdown checkpoint. fsync is off, which a process crash does not care about (the OS keeps
   * the written pages); only a machine crash would.
   */
  async kill(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    const exited = once(server, 'exit');
    process.kill(-server.pid!, 'SIGKILL');
    await exited;
    // The backends die with their group; wait until none holds the cluster's shared memory.
    for (let i = 0; i < 100 && (await processesInGroup(server.pid!)); i++) await sleep(50);
  }

  /** Starts the server again on the same folder and port (after kill or stop); crash recovery runs. */
  async restart(): Promise<void> {
    if (this.server) throw new Error('the cluster is running');
    await this.startServer();
  }

  /** A fast shutdown; the folder stays for restart. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    const exited = once(server, 'exit');
    server.kill('SIGINT');
    await exited;
  }

  /** Stops the server (killing it if it will not stop within 10 s) and removes the folder. */
  async destroy(): Promise<void> {
    const server = this.server;
    if (server) {
      const stopped = this.stop();
      const late = setTimeout(() => process.kill(-server.pid!, 'SIGKILL'), 10_000);
      await stopped;
      clearTimeout(late);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async startServer(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const server = spawn(
        path.join(this.bin, 'postgres'),
        [
          ...['-D', this.dataDir, '-p', String(this.port), '-k', this.dir],
          ...['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=200'],
        ],
        // Its own process group, so kill() reaches the backends too.
        { ...this.user, detached: true, stdio: 'ignore' },
      );
      const exited = once(server, 'exit').then(() => 'exited' as const);
      const ready = this.waitUntilReady().then((ok) => (ok ? ('ready' as const) : ('timeout' as const)));
      const outcome = await Promise.race([exited, ready]);
      if (outcome === 'ready') {
        this.server = server;
        return;
      }
      if (outcome === 'timeout') process.kill(-server.pid!, 'SIGKILL');
      await exited;
      // A killed cluster's backends may still be leaving: try again, a bounded number of times.
      if (attempt >= 5) throw new Error(`postgres did not start on port ${this.port} (${outcome})`);
      await sleep(200);
    }
  }

  private async waitUntilReady(timeoutMs = 30_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const client = new pg.Client({ connectionString: this.url(), connectionTimeoutMillis: 1_000 });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.query('SELECT 1');
        return true;
      } catch {
        await sleep(100);
      } finally {
        await client.end().catch(() => undefined);
      }
    }
    return false;
  }
}

/** Whether any live process (not a zombie waiting to be reaped) is left in a process group. */
async function processesInGroup(pgid: number): Promise<boolean> {
  const { stdout } = await run('ps', ['-eo', 'pgid=,stat=']).catch(() => ({ stdout: '' }));
  return stdout.split('\n').some((line) => {
    const [group, stat] = line.trim().split(/\s+/);
    return Number(group) === pgid && !stat?.startsWith('Z');
  });
}

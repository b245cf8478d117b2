// A private redis-server for tests that kill, restart or roll back Redis: a free port on 127.0.0.1
// and a temporary directory, never the shared server. lib/config reads REDIS_URL once, at its
// first import, so a test starts its server (and sets REDIS_URL) before importing anything of lib/.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './free-port';

export type Persistence =
  /** Nothing on disk: a restart comes back empty. */
  | 'none'
  /** The append-only file, fsynced every second, as production runs it. */
  | 'aof-everysec';

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let reply = '';
    socket.setTimeout(1_000, () => (socket.destroy(), resolve(false)));
    socket.on('connect', () => socket.write('PING\r\n'));
    // A server still loading its AOF answers -LOADING: not ready yet.
    socket.on('data', (d) => {
      reply += d.toString();
      if (reply.includes('\r\n')) {
        socket.end();
        resolve(reply.startsWith('+PONG'));
      }
    });
    socket.on('error', () => resolve(false));
  });
}

export class RedisServer {
  private child: ChildProcess | null = null;
  private readonly snapshots: string[] = [];

  private constructor(
    readonly port: number,
    readonly dir: string,
    readonly persistence: Persistence,
  ) {}

  /** Starts a server on a free port in a new temporary directory. */
  static async start(persistence: Persistence = 'none'): Promise<RedisServer> {
    const server = new RedisServer(await freePort(), mkdtempSync(path.join(tmpdir(), 'redis-fault-')), persistence);
    await server.restart();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}/0`;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the server again on the same port and directory (with what it persisted there, if anything). */
  async restart(): Promise<void> {
    if (this.running) throw new Error('redis-server is still running');
    const persistence =
      this.persistence === 'none'
        ? ['--appendonly', 'no']
        : ['--appendonly', 'yes', '--appendfsync', 'everysec', '--appenddirname', 'aof'];
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--dir', this.dir, ...persistence];
    const child = spawn('redis-server', args, { stdio: 'ignore' });
    this.child = child;
    for (let i = 0; i < 200; i++) {
      if (!this.running) throw new Error(`redis-server exited at start (port ${this.port})`);
      if (await answersPing(this.port)) return;
      await sleep(50);
    }
    throw new Error(`redis-server did not answer on port ${this.port}`);
  }

  /** kill -9: whatever was not yet written to disk is gone. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  /** A clean stop (SIGTERM). */
  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  private async signal(signal: NodeJS.Signals) {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    await exited;
  }

  /**
   * Copies the AOF directory as it is on disk now (what a restart would read); returns a handle
   * for restoreAof. The copy is of the files, so it holds what Redis has written to them so far.
   */
  snapshotAof(): string {
    if (this.persistence === 'none') throw new Error('no AOF to copy: the server runs without persistence');
    const copy = path.join(this.dir, `aof-snapshot-${this.snapshots.length}`);
    cpSync(path.join(this.dir, 'aof'), copy, { recursive: true });
    this.snapshots.push(copy);
    return copy;
  }

  /** Puts a copied AOF directory back in place; the server must be down. */
  restoreAof(snapshot: string): void {
    if (this.running) throw new Error('stop the server before restoring its AOF');
    const live = path.join(this.dir, 'aof');
    rmSync(live, { recursive: true, force: true });
    cpSync(snapshot, live, { recursive: true });
  }

  /** Stops the server and removes its directory. */
  async cleanup(): Promise<void> {
    await this.stop();
    // A background save's or AOF rewrite's child may outlive the server for a moment, still writing.
    rmSync(this.dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 50 });
  }
}

// Redis connections of two kinds, and the Lua scripts, each defined once per connection from its .lua file.
// - request path: fail fast (no offline queue, short timeouts) so a request answers 503, never hangs;
// - workers and BullMQ: retry forever (maxRetriesPerRequest: null), as BullMQ requires.
// Every key starts with the configured prefix, so test runs never touch the demo's keys.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Redis, type RedisOptions } from 'ioredis';
import { config } from './config';
import { AppError } from './errors';
import { errorFields, log } from './log';

export type { Redis } from 'ioredis';

export type ConnectionKind = 'request' | 'worker';

export function createRedis(kind: ConnectionKind, extra: RedisOptions = {}): Redis {
  const c = config();
  const base: RedisOptions =
    kind === 'request'
      ? {
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
          commandTimeout: c.REDIS_COMMAND_TIMEOUT_MS,
          connectTimeout: 2_000,
          retryStrategy: (times) => Math.min(times * 200, 2_000),
        }
      : { maxRetriesPerRequest: null, enableReadyCheck: true };
  const redis = new Redis(c.REDIS_URL, { ...base, ...extra });
  if (kind === 'request') writeOncePerTick(redis);
  return redis;
}

/**
 * The commands a request connection is given while the event loop runs its I/O callbacks (many
 * requests' draws and reads at once) go to Redis in one write: the socket is corked at the
 * first and uncorked once those callbacks are done. ioredis's auto-pipelining sends them so
 * too, but makes a pipeline and several promises for each command, which cost the web process
 * twice the CPU per command (bench/redis-writes.ts). The socket is new after every reconnect.
 */
function writeOncePerTick(redis: Redis) {
  redis.on('connect', () => {
    const socket = redis.stream;
    const write = socket.write;
    let corked = false;
    const uncork = () => {
      corked = false;
      socket.uncork();
    };
    socket.write = function (this: typeof socket, ...args: Parameters<typeof write>) {
      if (!corked) {
        corked = true;
        socket.cork();
        setImmediate(uncork);
      }
      return write.apply(this, args);
    } as typeof write;
  });
}

/** A key under this deployment's prefix: key('act', id) → "lot:act:<id>". */
export function key(...parts: (string | number)[]): string {
  return [config().REDIS_PREFIX, ...parts].join(':');
}

/**
 * A key of one activity. The braces make a Redis Cluster hash tag, so every key one draw
 * touches lives on one shard and a Lua script may use them together. Only from the id's one
 * spelling (lib/ids.ts): another would name a second, empty state of the same activity.
 */
export function activityKey(activityId: string, ...parts: (string | number)[]): string {
  const base = activityKeyBase(activityId);
  return parts.length === 0 ? base : `${base}:${parts.join(':')}`;
}

/** The activities' key bases, made once each (a page's reads and every draw batch name them). */
const keyBases = new Map<string, { prefix: string; base: string }>();

function activityKeyBase(activityId: string): string {
  const { REDIS_PREFIX: prefix } = config();
  const kept = keyBases.get(activityId);
  if (kept?.prefix === prefix) return kept.base;
  if (activityId !== activityId.toLowerCase()) throw new Error(`activity key from a non-canonical id: ${activityId}`);
  const base = `${prefix}:{act:${activityId}}`;
  if (keyBases.size >= 10_000) keyBases.clear();
  keyBases.set(activityId, { prefix, base });
  return base;
}

const globalForRedis = globalThis as unknown as { lotteryRedis?: Promise<Redis> };

/** The shared request-path connection, connected before first use. */
export function requestRedis(): Promise<Redis> {
  if (!globalForRedis.lotteryRedis) {
    const redis = createRedis('request', { lazyConnect: true });
    // A broken link (a reset, a refused reconnect) is logged; ioredis reconnects by itself, and the
    // commands meanwhile fail fast into 503s. Without a listener ioredis prints each to stderr.
    redis.on('error', (err: unknown) => log.warn('the request Redis connection failed', errorFields(err)));
    globalForRedis.lotteryRedis = redis.connect().then(
      () => redis,
      (err: unknown) => {
        globalForRedis.lotteryRedis = undefined;
        redis.disconnect();
        throw new AppError('SERVICE_UNAVAILABLE', 'Redis is not reachable', { cause: String(err) });
      },
    );
  }
  return globalForRedis.lotteryRedis;
}

/**
 * A Lua script kept in a .lua file named `<name>-<numberOfKeys>.lua` (the BullMQ convention),
 * or `<name>-v.lua` when the caller decides how many keys (a batch).
 */
export type LuaScript = { name: string; numberOfKeys: number | 'variable'; lua: string; sha: string };

export function loadLuaScript(dirFromRoot: string, fileName: string): LuaScript {
  const match = /^(.+)-(\d+|v)\.lua$/.exec(fileName);
  if (!match) throw new Error(`Lua file ${fileName} must be named <name>-<numberOfKeys>.lua or <name>-v.lua`);
  // next.config.js traces lib/**/*.lua into the build; the path itself is not for the bundler.
  const read = (name: string) =>
    readFileSync(path.join(/*turbopackIgnore: true*/ process.cwd(), dirFromRoot, name), 'utf8');
  // `-- @include other.lua` pastes a shared function (the tier picker) from the same folder.
  const lua = read(fileName).replace(/^-- @include ([\w-]+\.lua)$/gm, (_line, included: string) => read(included));
  const sha = createHash('sha1').update(lua).digest('hex');
  return { name: match[1]!, numberOfKeys: match[2] === 'v' ? 'variable' : Number(match[2]), lua, sha };
}

/**
 * A caller of the script on a connection: EVALSHA, and EVAL once Redis answers NOSCRIPT (a
 * restarted Redis, a flushed script cache). Plain commands rather than ioredis's defineCommand,
 * whose per-connection definitions a batch of auto-pipelined commands begun before the first
 * call would not know.
 */
export function defineScript(redis: Redis, script: LuaScript) {
  const { sha } = script;
  return async (keys: string[], args: (string | number)[]): Promise<unknown> => {
    if (script.numberOfKeys !== 'variable' && keys.length !== script.numberOfKeys) {
      throw new Error(`${script.name} takes ${script.numberOfKeys} keys, got ${keys.length}`);
    }
    try {
      return await redis.evalsha(sha, keys.length, ...keys, ...args);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return redis.eval(script.lua, keys.length, ...keys, ...args);
    }
  };
}

/** Deletes every key under a prefix (a test run's or a benchmark's), in batches. */
export async function deleteKeysWithPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.unlink(...keys);
  } while (cursor !== '0');
}

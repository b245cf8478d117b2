// The one place that reads the environment. Every value is validated once; a bad value
// stops start-up with one line naming the variable; no other module of lib/ reads process.env.
import { existsSync } from 'node:fs';
import { z } from 'zod';

const LOCAL_SECRET = 'local-development-secret-change-me-0123456789';

const Env = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z.url().default('postgresql://postgres:postgres@127.0.0.1:5432/lottery'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: z.url().default('redis://127.0.0.1:6379/0'),
  /** Prefix of every Redis key and BullMQ queue; test runs use their own. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]{1,32}$/i, 'letters, digits, - or _')
    .default('lot'),
  /** Milliseconds a request-path Redis command may take before the request answers 503. */
  REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(2_000),
  AUTH_SECRET: z.string().min(32, 'at least 32 characters').default(LOCAL_SECRET),
  /**
   * How many proxies of our own stand in front of the web server and append to X-Forwarded-For
   * (lib/http/client-ip.ts). 0: the client is the socket's peer, and the header is ignored.
   */
  /**
   * The key that encrypts the activities' fairness seeds at rest (AES-256-GCM): 64 hex characters.
   * Unset, one is derived from AUTH_SECRET (fine for development; set it in production, and keep it:
   * a seed that cannot be decrypted cannot be revealed).
   */
  FAIRNESS_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, '64 hex characters (32 bytes)')
    .optional(),
  TRUSTED_PROXY_COUNT: z.coerce.number().int().min(0).max(10).default(0),
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** Seconds after which a worker that has not beaten its heart counts as down. */
  WORKER_HEARTBEAT_TTL_SECONDS: z.coerce.number().int().min(2).max(600).default(30),
  /** Auto-tuning changes a tier's odds at most once per this many seconds (lib/odds/auto-tune-tiers.ts). */
  AUTO_TUNE_INTERVAL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(300),
  /** The odds-drift alarm tests the draws of this many last minutes (lib/odds/check-odds-drift.ts). */
  ODDS_DRIFT_WINDOW_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 1440)
    .default(60),
  /**
   * The live-alerts pass (tiers ahead of pacing, low stock) visits the activities drawn on since
   * its last run this often (lib/alerts/check-live-alerts.ts); tests make it short.
   */
  ALERTS_SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3_600).default(60),
  /** End users start at most one rebuild of an activity's lost state this often (lib/draw/rebuild-activity.ts). */
  ACTIVITY_REBUILD_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3_600).default(5),
  /** Demo only (scripts/demo.sh sets it): the play page offers a user picker that mints tokens. */
  /**
   * 1: the production server answers the end-user API itself (lib/http/hot-lane.ts); 0: every
   * request goes through Next's router, as `npm run dev` always does.
   */
  HOT_LANE: z
    .enum(['0', '1', 'false', 'true'])
    .default('1')
    .transform((v) => v === '1' || v === 'true'),
  /**
   * The draw's group commit (lib/draw/draw-committer.ts): after a batch, fewer than
   * DRAW_COMMIT_LINGER_ROWS waiting draws wait up to DRAW_COMMIT_LINGER_MS for more, so moderate
   * load makes fewer, larger commits. 0 ms: never wait. A lone draw after a quiet spell never waits.
   */
  DRAW_COMMIT_LINGER_MS: z.coerce.number().int().min(0).max(50).default(2),
  DRAW_COMMIT_LINGER_ROWS: z.coerce.number().int().min(1).max(500).default(64),
  /**
   * Milliseconds the group commit waits for PostgreSQL to open its connection or answer its
   * statement before it gives the connection up (and, after five tries, answers 503): a stalled
   * link would otherwise hold every draw of the process for as long as it lasts.
   */
  DRAW_COMMIT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  /**
   * Tests only: a file holding milliseconds (may be negative) that lib/clock.ts adds to this
   * process's clock, re-read at most every 200 ms, so a test can step one process's time.
   */
  CLOCK_OFFSET_FILE: z.string().min(1).optional(),
  /**
   * Tests only: comma-separated hold points (lib/workers/hold-point.ts) where this process stops
   * in the middle of a job, announced in Redis, until a test kills it.
   */
  WORKER_HOLD_AT: z
    .string()
    .optional()
    .transform((v) => new Set((v ?? '').split(',').filter(Boolean))),
  /**
   * 1: outbound webhooks may reach private and loopback addresses (the demo and tests, whose receivers
   * listen on 127.0.0.1). Never in production: an endpoint URL would otherwise reach the internal network.
   */
  WEBHOOK_ALLOW_PRIVATE: z
    .enum(['0', '1', 'false', 'true'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  /**
   * The waits between a webhook delivery's attempts (lib/webhooks/retry-schedule.ts), comma-separated
   * durations such as `10s,30s,2m,10m,30m,1h`; the last repeats until the delivery is 24 h old.
   */
  WEBHOOK_RETRY_SCHEDULE: z
    .string()
    .regex(/^\d{1,7}(ms|s|m|h)(,\d{1,7}(ms|s|m|h)){0,49}$/, 'durations such as 10s,30s,2m,1h')
    .default('10s,30s,2m,10m,30m,1h'),
  DEMO_USER_PICKER: z
    .enum(['0', '1', 'false', 'true'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
});
export type Config = z.infer<typeof Env> & { publicUrl: string };

let cached: Config | undefined;

export function config(): Config {
  if (cached) return cached;
  // Scripts and workers run outside Next.js, which would otherwise load .env for them.
  if (existsSync('.env') && typeof process.loadEnvFile === 'function' && !process.env.NEXT_RUNTIME) {
    process.loadEnvFile('.env');
  }
  const parsed = Env.safeParse(process.env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const message = `configuration error: ${String(issue.path[0])}: ${issue.message}`;
    throw new ConfigError(message);
  }
  const env = parsed.data;
  // Anyone who knows the development secret can sign a session for any operator. `next build`
  // also runs as production, but signs nothing; the servers it builds check again when they start.
  const building = process.env.NEXT_PHASE === 'phase-production-build';
  if (env.NODE_ENV === 'production' && env.AUTH_SECRET === LOCAL_SECRET && !building) {
    throw new ConfigError(
      'configuration error: AUTH_SECRET: the built-in development secret cannot sign console sessions in production; ' +
        'set a random one (npm run demo writes one to .env)',
    );
  }
  cached = { ...env, publicUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT}` };
  // next-auth v4 reads these itself; keep them in step with ours.
  process.env.NEXTAUTH_SECRET ??= cached.AUTH_SECRET;
  process.env.NEXTAUTH_URL ??= cached.publicUrl;
  return cached;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** For tests that change the environment between cases. */
export function resetConfigForTests() {
  cached = undefined;
}

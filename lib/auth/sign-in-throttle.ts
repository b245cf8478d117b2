// How often a console sign-in may fail before it is refused for a while: per account (however
// many addresses guess at it) and per client address (however many accounts it guesses at).
// Counted in Redis, shared by every web process; a window starts at its first failure.
// A success clears its account's count, never its address's: an attacker's own good login
// cannot buy more guesses at someone else's.
import { createHash } from 'node:crypto';
import { key, requestRedis } from '../redis';

/** The next-auth error codes of a refused sign-in, which the sign-in page explains. */
export const SIGN_IN_THROTTLED = 'TooManyAttempts';
export const SIGN_IN_BUSY = 'SignInBusy';

export const SIGN_IN_LIMITS = {
  account: { failures: 5, windowSeconds: 15 * 60 },
  ip: { failures: 20, windowSeconds: 15 * 60 },
} as const;

type Subject = { email: string; ip: string | null };

function keysOf({ email, ip }: Subject) {
  // Hashed: a key name should not carry what someone typed (it may be garbage, or long).
  const account = key(
    'signin',
    'acct',
    createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32),
  );
  return [
    { key: account, ...SIGN_IN_LIMITS.account },
    ...(ip ? [{ key: key('signin', 'ip', ip), ...SIGN_IN_LIMITS.ip }] : []),
  ];
}

/** Seconds until a sign-in by this account from this address may be tried again; 0: now. */
export async function signInRetryAfterSeconds(subject: Subject): Promise<number> {
  const redis = await requestRedis();
  const limits = keysOf(subject);
  const pipeline = redis.pipeline();
  for (const l of limits) pipeline.get(l.key).ttl(l.key);
  const replies = (await pipeline.exec())!.map(([err, value]) => {
    if (err) throw err;
    return value;
  });
  let wait = 0;
  limits.forEach((l, i) => {
    const count = Number(replies[2 * i] ?? 0);
    const ttl = Number(replies[2 * i + 1]);
    if (count >= l.failures) wait = Math.max(wait, ttl > 0 ? ttl : l.windowSeconds);
  });
  return wait;
}

/** Counts one failure against the account and the address; true when this one reached a limit. */
export async function countSignInFailure(subject: Subject): Promise<boolean> {
  const redis = await requestRedis();
  const limits = keysOf(subject);
  const pipeline = redis.multi();
  for (const l of limits) pipeline.set(l.key, 0, 'EX', l.windowSeconds, 'NX').incr(l.key);
  const replies = (await pipeline.exec())!;
  return limits.some((l, i) => Number(replies[2 * i + 1]![1]) === l.failures);
}

/** After a successful sign-in: the account's failures are forgotten (not the address's). */
export async function clearAccountSignInFailures(email: string): Promise<void> {
  const redis = await requestRedis();
  await redis.del(keysOf({ email, ip: null })[0]!.key);
}

// Fairness seeds at rest: AES-256-GCM under FAIRNESS_KEY (or, unset, a key derived from
// AUTH_SECRET for development). Stored as base64(iv 12 | tag 16 | ciphertext).
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { config } from '../config';
import { AppError } from '../errors';
import { log } from '../log';

let cachedKey: Buffer | undefined;
let cachedFrom: string | undefined;

function fairnessKey(): Buffer {
  const { FAIRNESS_KEY, AUTH_SECRET } = config();
  const from = FAIRNESS_KEY ?? `derived:${AUTH_SECRET}`;
  if (cachedKey && cachedFrom === from) return cachedKey;
  cachedKey = FAIRNESS_KEY
    ? Buffer.from(FAIRNESS_KEY, 'hex')
    : createHash('sha256').update(`lottery fairness seed key\0${AUTH_SECRET}`).digest();
  cachedFrom = from;
  return cachedKey;
}

export function encryptSeed(seed: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', fairnessKey(), iv);
  const body = Buffer.concat([cipher.update(seed), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** The message a seed that does not decrypt gets: what is wrong and what to do. */
export const UNREADABLE_SEED_MESSAGE =
  'a fairness seed cannot be decrypted with this FAIRNESS_KEY: set the key the seeds were made with ' +
  '(draws of seeded activities are refused until then)';
const UNREADABLE_LOG_EVERY_MS = 60_000;
let unreadableLoggedAt = -Infinity;

/**
 * The seed's bytes. A seed that does not decrypt (FAIRNESS_KEY is not the key that made it, or
 * the stored text was damaged) is FAIRNESS_SEED_UNREADABLE, a 503: the deployment must be fixed,
 * nothing the caller sent is wrong. Logged at most once a minute, as every draw meets it.
 */
export function decryptSeed(stored: string): Buffer {
  try {
    const raw = Buffer.from(stored, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', fairnessKey(), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
  } catch (err) {
    const now = Date.now();
    if (now - unreadableLoggedAt >= UNREADABLE_LOG_EVERY_MS) {
      unreadableLoggedAt = now;
      log.error(UNREADABLE_SEED_MESSAGE, { reason: (err as Error).message });
    }
    throw new AppError('FAIRNESS_SEED_UNREADABLE', UNREADABLE_SEED_MESSAGE);
  }
}

/** hex(SHA-256(seed)), lower case: what is public before the reveal. */
export function commitmentOf(seed: Buffer): string {
  return createHash('sha256').update(seed).digest('hex');
}

// Fairness seeds at rest: AES-256-GCM under FAIRNESS_KEY (or, unset, a key derived from
// AUTH_SECRET for development). Stored as base64(iv 12 | tag 16 | ciphertext).
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { config } from '../config';

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

export function decryptSeed(stored: string): Buffer {
  const raw = Buffer.from(stored, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', fairnessKey(), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
}

/** hex(SHA-256(seed)), lower case: what is public before the reveal. */
export function commitmentOf(seed: Buffer): string {
  return createHash('sha256').update(seed).digest('hex');
}

// TOTP secrets at rest: AES-256-GCM, stored as base64(iv 12 | tag 16 | ciphertext). The key is
// derived from FAIRNESS_KEY when it is set (a key meant to be kept), else from AUTH_SECRET
// (development), under its own label so it is never the key of another use.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { config } from '../config';

let cachedKey: Buffer | undefined;
let cachedFrom: string | undefined;

function twoFactorKey(): Buffer {
  const { FAIRNESS_KEY, AUTH_SECRET } = config();
  const from = FAIRNESS_KEY ? `fairness:${FAIRNESS_KEY}` : `auth:${AUTH_SECRET}`;
  if (cachedKey && cachedFrom === from) return cachedKey;
  cachedKey = createHash('sha256').update(`lottery totp secret key\0${from}`).digest();
  cachedFrom = from;
  return cachedKey;
}

export function encryptTotpSecret(secret: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', twoFactorKey(), iv);
  const body = Buffer.concat([cipher.update(secret), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function decryptTotpSecret(stored: string): Buffer {
  const raw = Buffer.from(stored, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', twoFactorKey(), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
}

// Request hygiene for every JSON body, in one place:
// wrong content type → 415, over 64 KiB → 413, malformed JSON → 400, then a strict schema.
import type { z } from 'zod';
import { AppError } from '../errors';

export const MAX_BODY_BYTES = 64 * 1024;

/** Reads the raw body as text, refusing more than the limit without buffering it all. */
export async function readBodyText(req: Request, maxBytes = MAX_BODY_BYTES): Promise<string> {
  return (await readBodyBytes(req, maxBytes)).toString('utf8');
}

/** Reads the raw body, refusing (413, with `message` if given) more than the limit without buffering it all. */
export async function readBodyBytes(req: Request, maxBytes: number, message?: string): Promise<Buffer> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes, message);
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes, message);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export function requireJsonContentType(req: Request) {
  const type = (req.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json' && !type.endsWith('+json')) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json');
  }
}

export function parseJsonText(text: string): unknown {
  if (text.trim() === '') throw new AppError('VALIDATION_FAILED', 'a JSON body is required');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('VALIDATION_FAILED', 'the body is not valid JSON');
  }
}

/**
 * Content type, size, JSON syntax, then the (strict) schema. `maxBytes`: a route whose documented
 * body cannot fit in the usual limit (10,000 coupon codes) names its own.
 */
export async function readJson<S extends z.ZodType>(
  req: Request,
  schema: S,
  maxBytes = MAX_BODY_BYTES,
): Promise<z.infer<S>> {
  requireJsonContentType(req);
  const value = parseJsonText(await readBodyText(req, maxBytes));
  return schema.parse(value);
}

function tooLarge(maxBytes: number, message?: string) {
  return new AppError('PAYLOAD_TOO_LARGE', message ?? `the body must not exceed ${maxBytes / 1024} KiB`);
}

/** A body that may be left out (no body, or an empty one, reads as `{}`); one sent is read as readJson does. */
export async function readOptionalJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const text = await readBodyText(req);
  if (text.trim() === '') return schema.parse({});
  requireJsonContentType(req);
  return schema.parse(parseJsonText(text));
}

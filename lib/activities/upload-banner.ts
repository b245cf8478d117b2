// Banner images for an activity's H5 page, stored on local disk (./uploads, gitignored) and
// served by app/uploads/[file]/route.ts. The type is judged by the file's first bytes, not by
// what the browser claims, and only raster formats a browser shows inertly are accepted (no SVG).
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors';

export const BANNER_MAX_BYTES = 2 * 1024 * 1024;
const UPLOAD_DIR = path.join(process.cwd(), 'uploads');
const FILE_NAME = /^[0-9a-f-]{36}\.(png|jpg|webp|gif)$/;
/** The URL saveBanner gives an upload: what an activity's materials may name besides an http(s) URL. */
export const BANNER_PATH = /^\/uploads\/[0-9a-f-]{36}\.(png|jpg|webp|gif)$/;
export const bannerContentTypes = {
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
} as const;
type Extension = keyof typeof bannerContentTypes;

function sniff(bytes: Uint8Array): Extension | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (starts(0xff, 0xd8, 0xff)) return 'jpg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'gif';
  if (
    starts(0x52, 0x49, 0x46, 0x46) &&
    bytes[8] === 0x57 &&
    bytes[9] === 0x45 &&
    bytes[10] === 0x42 &&
    bytes[11] === 0x50
  )
    return 'webp';
  return null;
}

/** Stores the image under a fresh random name; returns the URL to put in the materials. */
export async function saveBanner(bytes: Uint8Array): Promise<{ url: string; bytes: number }> {
  if (bytes.byteLength === 0) throw new AppError('VALIDATION_FAILED', 'the file is empty');
  if (bytes.byteLength > BANNER_MAX_BYTES)
    throw new AppError('PAYLOAD_TOO_LARGE', `a banner is at most ${BANNER_MAX_BYTES / 1024 / 1024} MB`);
  const ext = sniff(bytes);
  if (!ext) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'a banner must be a PNG, JPEG, WebP or GIF image');
  const name = `${randomUUID()}.${ext}`;
  await mkdir(UPLOAD_DIR, { recursive: true });
  await writeFile(path.join(UPLOAD_DIR, name), bytes, { flag: 'wx' });
  return { url: `/uploads/${name}`, bytes: bytes.byteLength };
}

/** A stored banner by its name; anything that is not one of ours is not found. */
export async function readBanner(name: string): Promise<{ body: Buffer; contentType: string }> {
  const m = FILE_NAME.exec(name);
  if (!m) throw new AppError('NOT_FOUND', 'no such file');
  try {
    return { body: await readFile(path.join(UPLOAD_DIR, name)), contentType: bannerContentTypes[m[1] as Extension] };
  } catch {
    throw new AppError('NOT_FOUND', 'no such file');
  }
}

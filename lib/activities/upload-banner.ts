// Banner images for an activity's H5 page, stored on local disk (./uploads, gitignored) and
// served by app/uploads/[file]/route.ts. The type is judged by the file's first bytes, not by
// what the browser claims, and only raster formats a browser shows inertly are accepted (no SVG).
// An upload is kept as sent (its URL goes in the materials) and re-encoded once, at upload, to
// the banner's box on the play page (BANNER_BOX, cropped to cover it) for 1× and 2× screens, as
// AVIF, WebP and a JPEG (PNG when the image has transparency) for browsers without either:
// `<uuid>-<width>.<ext>`. The page offers those (bannerPicture) and never the original.
import { randomUUID } from 'node:crypto';
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Sharp } from 'sharp';
import { AppError } from '../errors';

export const BANNER_MAX_BYTES = 2 * 1024 * 1024;
/** The banner's box on the play page at 1× (CSS pixels): the page's widest column and its height. */
export const BANNER_BOX = { width: 448, height: 138 } as const;
const SCALES = [1, 2] as const;
const UPLOAD_DIR = path.join(process.cwd(), 'uploads');
const FILE_NAME = /^([0-9a-f-]{36})(?:-(448|896))?\.(png|jpg|webp|gif|avif)$/;
/** The URL saveBanner gives an upload: what an activity's materials may name besides an http(s) URL. */
export const BANNER_PATH = /^\/uploads\/[0-9a-f-]{36}\.(png|jpg|webp|gif)$/;
export const bannerContentTypes = {
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  avif: 'image/avif',
} as const;
type Extension = keyof typeof bannerContentTypes;

function sniff(bytes: Uint8Array): Exclude<Extension, 'avif'> | null {
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

/** Stores the image under a fresh random name with its re-encoded sizes; returns the URL to put in the materials. */
export async function saveBanner(bytes: Uint8Array): Promise<{ url: string; bytes: number }> {
  if (bytes.byteLength === 0) throw new AppError('VALIDATION_FAILED', 'the file is empty');
  if (bytes.byteLength > BANNER_MAX_BYTES)
    throw new AppError('PAYLOAD_TOO_LARGE', `a banner is at most ${BANNER_MAX_BYTES / 1024 / 1024} MB`);
  const ext = sniff(bytes);
  if (!ext) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'a banner must be a PNG, JPEG, WebP or GIF image');
  const id = randomUUID();
  const variants = await encodeVariants(bytes);
  await mkdir(UPLOAD_DIR, { recursive: true });
  for (const v of variants) await writeFile(path.join(UPLOAD_DIR, `${id}-${v.width}.${v.ext}`), v.data, { flag: 'wx' });
  // The original last: a banner URL in the materials always has its variants beside it.
  await writeFile(path.join(UPLOAD_DIR, `${id}.${ext}`), bytes, { flag: 'wx' });
  return { url: `/uploads/${id}.${ext}`, bytes: bytes.byteLength };
}

type Variant = { width: number; ext: 'avif' | 'webp' | 'jpg' | 'png'; data: Buffer };

async function encodeVariants(bytes: Uint8Array): Promise<Variant[]> {
  // Loaded on the first upload only: libvips costs every process that imports this module (the
  // play page's renderer does, for bannerPicture; so do the workers) about 20 MB of RSS.
  const { default: sharp } = await import('sharp');
  let image: Sharp;
  let hasAlpha: boolean;
  try {
    image = sharp(bytes, { animated: false, limitInputPixels: 40_000_000 }).rotate();
    hasAlpha = (await image.metadata()).hasAlpha ?? false;
  } catch {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'the image could not be read');
  }
  const out: Variant[] = [];
  for (const scale of SCALES) {
    const width = BANNER_BOX.width * scale;
    const resized = image.clone().resize(width, BANNER_BOX.height * scale, { fit: 'cover', position: 'attention' });
    const [avif, webp, fallback] = await Promise.all([
      resized.clone().avif({ quality: 50, effort: 4 }).toBuffer(),
      resized.clone().webp({ quality: 72 }).toBuffer(),
      hasAlpha
        ? resized.clone().png({ palette: true, quality: 80, compressionLevel: 9 }).toBuffer()
        : resized.clone().jpeg({ quality: 75, mozjpeg: true }).toBuffer(),
    ]).catch(() => {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'the image could not be read');
    });
    out.push({ width, ext: 'avif', data: avif }, { width, ext: 'webp', data: webp });
    out.push({ width, ext: hasAlpha ? 'png' : 'jpg', data: fallback });
  }
  return out;
}

export type BannerPicture = {
  avif: string;
  webp: string;
  /** The JPEG (or PNG) at 1×, and its 2× in srcset. */
  fallback: string;
  fallbackSrcset: string;
  width: number;
  height: number;
};

/**
 * The re-encoded sizes of an uploaded banner as `<picture>` sources, or null for a banner on
 * another host or an upload stored before uploads were re-encoded (the page shows it as it is).
 */
export async function bannerPicture(url: string): Promise<BannerPicture | null> {
  if (!BANNER_PATH.test(url)) return null;
  const id = url.slice('/uploads/'.length, url.lastIndexOf('.'));
  const [x1, x2] = SCALES.map((s) => BANNER_BOX.width * s);
  const exists = (name: string) =>
    access(path.join(UPLOAD_DIR, name)).then(
      () => true,
      () => false,
    );
  if (!(await exists(`${id}-${x1}.avif`))) return null;
  const fallbackExt = (await exists(`${id}-${x1}.jpg`)) ? 'jpg' : 'png';
  const at = (w: number, ext: string) => `/uploads/${id}-${w}.${ext}`;
  const srcset = (ext: string) => `${at(x1!, ext)} 1x, ${at(x2!, ext)} 2x`;
  return {
    avif: srcset('avif'),
    webp: srcset('webp'),
    fallback: at(x1!, fallbackExt),
    fallbackSrcset: srcset(fallbackExt),
    width: BANNER_BOX.width,
    height: BANNER_BOX.height,
  };
}

/** A stored banner (or one of its sizes) by its name; anything that is not one of ours is not found. */
export async function readBanner(name: string): Promise<{ body: Buffer; contentType: string }> {
  const m = FILE_NAME.exec(name);
  if (!m) throw new AppError('NOT_FOUND', 'no such file');
  try {
    return { body: await readFile(path.join(UPLOAD_DIR, name)), contentType: bannerContentTypes[m[3] as Extension] };
  } catch {
    throw new AppError('NOT_FOUND', 'no such file');
  }
}

// Banner uploads are re-encoded to the page's banner box at 1× and 2× as AVIF, WebP and a
// fallback, served by name; what is not an image is refused with a 4xx, never a 500.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { GET as uploadRoute } from '@/app/uploads/[file]/route';
import { BANNER_BOX, bannerPicture, saveBanner } from '@/lib/activities/upload-banner';
import { AppError } from '@/lib/errors';
import { callRoute } from '../helpers/fixtures';

const photo = (width: number, height: number, channels: 3 | 4 = 3) =>
  sharp({ create: { width, height, channels, background: { r: 200, g: 40, b: 60, alpha: channels === 4 ? 0.5 : 1 } } })
    .png()
    .toBuffer();

describe('banner images', () => {
  it('are stored with AVIF, WebP and JPEG sizes for 1× and 2× screens, each of the box size, long cached', async () => {
    const png = await photo(1200, 500);
    const { url } = await saveBanner(png);
    const picture = (await bannerPicture(url))!;
    expect(picture).toMatchObject({ width: BANNER_BOX.width, height: BANNER_BOX.height });
    expect(picture.avif).toMatch(/-448\.avif 1x, .*-896\.avif 2x$/);
    expect(picture.fallback).toMatch(/-448\.jpg$/);
    for (const [src, type, width] of [
      [picture.fallback, 'image/jpeg', 448],
      [picture.avif.split(', ')[1]!.split(' ')[0]!, 'image/avif', 896],
      [picture.webp.split(', ')[0]!.split(' ')[0]!, 'image/webp', 448],
    ] as const) {
      const res = await callRoute(uploadRoute, { params: { file: src.slice('/uploads/'.length) } });
      expect(res.status, src).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect(res.headers.get('cache-control')).toContain('immutable');
      const meta = await sharp(path.join('uploads', src.slice('/uploads/'.length))).metadata();
      expect([meta.width, meta.height]).toEqual([width, (BANNER_BOX.height * width) / BANNER_BOX.width]);
    }
    // An image with transparency keeps it: a PNG fallback.
    const { url: clear } = await saveBanner(await photo(800, 300, 4));
    expect((await bannerPicture(clear))!.fallback).toMatch(/-448\.png$/);
    // Another host's banner is shown as it is.
    expect(await bannerPicture('https://cdn.example.com/b.png')).toBeNull();
  });

  it('refuses what is not an image it can read, with a 4xx', async () => {
    const fake = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
    for (const bytes of [fake, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')]) {
      const err = await saveBanner(bytes).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    const res = await callRoute(uploadRoute, { params: { file: '00000000-0000-4000-8000-000000000000-448.avif' } });
    expect(res.status).toBe(404);
  });
});

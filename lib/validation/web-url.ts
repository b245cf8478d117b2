// Links the platform stores and later puts in a page (a prize image, a banner): only http and
// https, so no `javascript:`, `data:` or `file:` URL reaches a browser or a fetch, and no
// credentials ride along in the link.
import { text } from './text';

export const WEB_URL_MESSAGE = 'an http(s) URL such as https://example.com/image.png';

export function isWebUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && !url.username && !url.password
  );
}

/** An absolute http(s) URL; `orPath`, if given, also admits a path of this site matching it. */
export function webUrl({ max, orPath }: { max: number; orPath?: RegExp }) {
  return text({ max, min: 1 }).refine((v) => isWebUrl(v) || (orPath?.test(v) ?? false), WEB_URL_MESSAGE);
}

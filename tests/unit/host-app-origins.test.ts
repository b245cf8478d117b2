import { describe, expect, it } from 'vitest';
import { HostAppOrigins, parseHostAppOrigin } from '@/lib/tenancy/host-app-origin-schemas';
import { frameAncestorsPolicy } from '@/lib/h5/render-play-page';

describe('host app origins', () => {
  it("are exact origins in the browser's spelling", () => {
    expect(
      HostAppOrigins.parse({
        origins: [
          ' https://App.Example.com ',
          'https://app.example.com/',
          'https://pay.example.com:8443',
          'http://localhost:8080',
        ],
      }),
    ).toEqual({
      origins: ['https://app.example.com', 'https://pay.example.com:8443', 'http://localhost:8080'],
    });
    expect(parseHostAppOrigin('https://bücher.example')).toEqual({ origin: 'https://xn--bcher-kva.example' });
  });

  it.each([
    'https://*.example.com',
    '*',
    'https://app.example.com/embed',
    'https://app.example.com?x=1',
    'https://app.example.com#x',
    'https://user@app.example.com',
    'https:app.example.com',
    'https:\\\\app.example.com',
    '//app.example.com',
    'app.example.com',
    'null',
    'javascript:alert(1)',
    'data:text/html,x',
    'http://app.example.com',
    'ftp://app.example.com',
    'https://app.example.com; frame-ancestors *',
    'https://app.example.com https://evil.test',
  ])('refuse %j', (value) => {
    expect('problem' in parseHostAppOrigin(value)).toBe(true);
    expect(HostAppOrigins.safeParse({ origins: [value] }).success).toBe(false);
  });

  it('are at most twenty, and the error names the line', () => {
    expect(
      HostAppOrigins.safeParse({ origins: Array.from({ length: 21 }, (_, i) => `https://a${i}.example.com`) }).success,
    ).toBe(false);
    const r = HostAppOrigins.safeParse({ origins: ['https://ok.example.com', 'https://*.example.com'] });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['origins', 1]);
    expect(r.error!.issues[0]!.message).toMatch(/no wildcards/);
  });

  it("make the play page's frame-ancestors, and nothing that is not one gets in", () => {
    expect(frameAncestorsPolicy([])).toBe("frame-ancestors 'none'");
    expect(frameAncestorsPolicy(['https://app.example.com', 'http://localhost:8080'])).toBe(
      'frame-ancestors https://app.example.com http://localhost:8080',
    );
    expect(frameAncestorsPolicy(['https://a.example.com; script-src *', '*', 'https://b.example.com'])).toBe(
      'frame-ancestors https://b.example.com',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { safeCallbackPath, safeRedirectUrl } from '@/lib/auth/safe-callback-path';

const hostile = [
  '//evil.test',
  '//evil.test/t/demo',
  '/\\evil.test',
  '\\\\evil.test',
  '\\/evil.test',
  '/.//evil.test',
  '/./\\evil.test',
  '/x/..//evil.test',
  '/%2f%2fevil.test',
  '/%2F/evil.test',
  '%2f%2fevil.test',
  '/%5cevil.test',
  '/%5C%5Cevil.test',
  '/%252f%252fevil.test',
  '/%09/evil.test',
  '/\t/evil.test',
  ' //evil.test',
  'https://evil.test/',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  '/javascript:alert(1)//%0a',
  'data:text/html,hi',
  'evil.test',
  '/signin?callbackUrl=//evil.test',
  '/api/auth/signout',
  '/%',
];

describe('safeCallbackPath', () => {
  it.each([...hostile, 'http://localhost:3000/t/demo'])('refuses %j', (value) => {
    expect(safeCallbackPath(value)).toBe('/');
  });

  it("keeps the console's own paths with their query", () => {
    expect(safeCallbackPath('/t/demo/activities')).toBe('/t/demo/activities');
    expect(safeCallbackPath('/t/demo/winners?status=HELD&q=a%20b')).toBe('/t/demo/winners?status=HELD&q=a%20b');
    expect(safeCallbackPath('/t/demo/../acme/audit')).toBe('/t/acme/audit');
    expect(safeCallbackPath(undefined)).toBe('/');
  });
});

describe("safeRedirectUrl (next-auth's redirect callback)", () => {
  const base = 'http://localhost:3000';
  it('keeps a same-origin URL or path, on the base origin', () => {
    expect(safeRedirectUrl('http://localhost:3000/t/demo/audit?x=1', base)).toBe(
      'http://localhost:3000/t/demo/audit?x=1',
    );
    expect(safeRedirectUrl('/t/demo', base)).toBe('http://localhost:3000/t/demo');
  });

  it.each([
    ...hostile,
    'http://localhost:3000//evil.test',
    'http://localhost:3000/.//evil.test',
    'http://localhost:3001/t/demo',
  ])("sends %j to the console's front door", (value) => {
    expect(safeRedirectUrl(value, base)).toBe('http://localhost:3000/');
  });
});

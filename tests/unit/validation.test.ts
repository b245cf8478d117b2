// The shared rules for text, URLs and dates from outside (lib/validation).
import { describe, expect, it } from 'vitest';
import { CalendarDate, Instant, isStorableMs } from '@/lib/validation/calendar';
import { isInt8Text } from '@/lib/validation/storage-limits';
import { externalId, isExternalId, text } from '@/lib/validation/text';
import { isWebUrl, webUrl } from '@/lib/validation/web-url';
import { AcceptInvitation } from '@/lib/tenancy/member-schemas';

describe('text()', () => {
  const name = text({ min: 1, max: 10 });
  const rules = text({ max: 50, multiline: true });

  it('trims, then bounds what is left', () => {
    expect(name.parse('  Mug \u3000')).toBe('Mug');
    expect(name.safeParse(' \t\u3000 ').success).toBe(false);
    expect(name.safeParse('x'.repeat(11)).success).toBe(false);
    expect(name.parse(`  ${'x'.repeat(10)}  `)).toBe('x'.repeat(10));
  });

  it('refuses NUL, C0, DEL and C1 controls; a multi-line field takes tab, LF and CR only', () => {
    for (const c of [
      '\u0000',
      '\u0001',
      '\u0007',
      '\b',
      '\u000b',
      '\f',
      '\u001b',
      '\u001f',
      '\u007f',
      '\u0080',
      '\u0085',
      '\u009f',
    ]) {
      expect(name.safeParse(`a${c}b`).success, JSON.stringify(c)).toBe(false);
      expect(rules.safeParse(`a${c}b`).success, JSON.stringify(c)).toBe(false);
    }
    for (const c of ['\t', '\n', '\r']) {
      expect(name.safeParse(`a${c}b`).success, JSON.stringify(c)).toBe(false);
      expect(rules.parse(`a${c}b`)).toBe(`a${c}b`);
    }
  });

  it('refuses unpaired surrogates and takes paired ones (emoji)', () => {
    for (const bad of ['\ud800', 'a\ud800', '\ud800a', '\udc00', 'a\udfff', '\udc00\ud800'])
      expect(name.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    expect(name.parse('🎁 Mug')).toBe('🎁 Mug');
    expect(name.parse('抽奖')).toBe('抽奖');
  });

  it('names the rule in its message', () => {
    expect(name.safeParse('a\u0000').error!.issues[0]!.message).toMatch(/NUL/);
    expect(name.safeParse('a\ud800').error!.issues[0]!.message).toMatch(/surrogate/);
  });
});

describe('externalId() and isExternalId()', () => {
  const id = externalId({ max: 8 });
  it('takes an id exactly as sent, refusing surrounding white space instead of trimming it', () => {
    expect(id.parse('alice')).toBe('alice');
    expect(id.parse('a b')).toBe('a b');
    for (const bad of [' alice', 'alice ', 'alice\n', '', 'x'.repeat(9), 'al\u0000', 'al\ud800', 'al\u0085']) {
      expect(id.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
      expect(isExternalId(bad, 8), JSON.stringify(bad)).toBe(false);
    }
    expect(isExternalId('alice', 8)).toBe(true);
    expect(isExternalId(42, 8)).toBe(false);
    expect(isExternalId(null, 8)).toBe(false);
  });
});

describe('webUrl()', () => {
  it('takes http(s) URLs only, without credentials', () => {
    for (const good of ['https://cdn.example.com/a.png', 'http://example.com', 'HTTPS://EXAMPLE.COM/x?y=1#z'])
      expect(isWebUrl(good), good).toBe(true);
    for (const bad of [
      'javascript:alert(1)',
      ' javascript:alert(1)',
      'data:image/png;base64,AA==',
      'file:///etc/passwd',
      'ftp://example.com',
      'https://u:p@example.com',
      '//example.com/a.png',
      'example.com',
      'https://',
    ]) {
      expect(isWebUrl(bad), bad).toBe(false);
    }
    const banner = webUrl({ max: 100, orPath: /^\/uploads\/[a-z]+\.png$/ });
    expect(banner.parse('/uploads/abc.png')).toBe('/uploads/abc.png');
    expect(banner.safeParse('/uploads/../x.png').success).toBe(false);
    expect(banner.safeParse('java\tscript:alert(1)').success).toBe(false);
  });
});

describe('dates', () => {
  it('CalendarDate: real days in 1970–9999 only', () => {
    for (const good of ['1970-01-01', '2028-02-29', '9999-12-31'])
      expect(CalendarDate.safeParse(good).success, good).toBe(true);
    for (const bad of [
      '2027-02-29',
      '2027-02-30',
      '2027-04-31',
      '2027-13-01',
      '2027-00-10',
      '1969-12-31',
      '0000-01-01',
      '10000-01-01',
      '2027-1-1',
    ]) {
      expect(CalendarDate.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('Instant: an offset date-time on a real day whose UTC instant lies in 1970–9999', () => {
    for (const good of ['1970-01-01T00:00:00Z', '2027-01-20T00:00:00+08:00', '9999-12-31T23:59:59Z'])
      expect(Instant.safeParse(good).success, good).toBe(true);
    for (const bad of [
      '2027-02-30T00:00:00Z',
      '1969-12-31T23:59:59Z',
      '1970-01-01T00:00:00+01:00',
      '9999-12-31T23:00:00-05:00',
      '0001-01-01T00:00:00Z',
      '2027-01-20T00:00:00',
    ]) {
      expect(Instant.safeParse(bad).success, bad).toBe(false);
    }
    expect(isStorableMs(Number.NaN)).toBe(false);
    expect(isStorableMs(-1)).toBe(false);
  });
});

describe('isInt8Text()', () => {
  it('takes decimal strings a bigint column holds', () => {
    expect(isInt8Text('9223372036854775807')).toBe(true);
    expect(isInt8Text('9223372036854775808')).toBe(false);
    expect(isInt8Text('9999999999999999999')).toBe(false);
    expect(isInt8Text('-1')).toBe(false);
    expect(isInt8Text('')).toBe(false);
  });
});

describe('a new operator password', () => {
  const accept = (password: string) => AcceptInvitation.safeParse({ kind: 'new', name: 'Ann', password });

  it('is kept as typed, spaces and all, but refuses NUL, other controls and unpaired surrogates', () => {
    const ok = accept('  correct horse battery  ');
    expect(ok.success && ok.data.password).toBe('  correct horse battery  ');
    for (const bad of ['correct horse\u0000battery', 'correct horse\u001bbattery', 'correct horse \ud800 battery']) {
      expect(accept(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

// TOTP against the test vectors of RFC 6238 (appendix B, SHA-1) and RFC 4226 (appendix D), and
// base32 against RFC 4648's.
import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchTotpStep, otpauthUri, totpAt, totpStepAt } from '@/lib/auth/totp';

const rfcSecret = Buffer.from('12345678901234567890', 'ascii');

describe('TOTP (RFC 6238, SHA-1)', () => {
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('at %i s the 8-digit code is %s', (seconds, code) => {
    expect(totpAt(rfcSecret, seconds * 1000, 8)).toBe(code);
  });

  it('6 digits are the last six of the same value', () => {
    expect(totpAt(rfcSecret, 59_000)).toBe('287082');
  });

  it('matches one step either side of now, and says which', () => {
    const now = 1111111111 * 1000;
    const step = totpStepAt(now);
    expect(matchTotpStep(rfcSecret, hotp(rfcSecret, step), now)).toBe(step);
    expect(matchTotpStep(rfcSecret, hotp(rfcSecret, step - 1), now)).toBe(step - 1);
    expect(matchTotpStep(rfcSecret, hotp(rfcSecret, step + 1), now)).toBe(step + 1);
    expect(matchTotpStep(rfcSecret, hotp(rfcSecret, step - 2), now)).toBeNull();
    expect(matchTotpStep(rfcSecret, hotp(rfcSecret, step + 2), now)).toBeNull();
    expect(matchTotpStep(rfcSecret, '12345', now)).toBeNull();
    expect(matchTotpStep(rfcSecret, '１２３４５６', now)).toBeNull();
  });
});

describe('HOTP (RFC 4226)', () => {
  it('gives the appendix D values for counters 0 to 9', () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    expect(expected.map((_, counter) => hotp(rfcSecret, counter))).toEqual(expected);
  });
});

describe('base32 (RFC 4648)', () => {
  it.each([
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ])('%j is %s (unpadded) and back', (text, encoded) => {
    expect(base32Encode(Buffer.from(text))).toBe(encoded);
    expect(base32Decode(encoded).toString()).toBe(text);
    expect(base32Decode(`${encoded.toLowerCase()}===`).toString()).toBe(text);
  });

  it('refuses a character outside the alphabet', () => {
    expect(() => base32Decode('MZ1W')).toThrow();
  });
});

describe('otpauth URI', () => {
  it('names the issuer and account and carries the parameters apps read', () => {
    const uri = otpauthUri({ secret: rfcSecret, account: 'a+b@x.test', issuer: 'Lottery Console' });
    expect(uri).toBe(
      'otpauth://totp/Lottery%20Console:a%2Bb%40x.test?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Lottery+Console' +
        '&algorithm=SHA1&digits=6&period=30',
    );
  });
});

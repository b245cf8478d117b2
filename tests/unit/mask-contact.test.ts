import { describe, expect, it } from 'vitest';
import { maskAddress, maskPhone } from '@/lib/fulfilment/mask-contact';

describe("an analyst's view of contact details", () => {
  it('keeps the first three and last two digits of a phone number', () => {
    expect(maskPhone('13812345678')).toBe('138******78');
    expect(maskPhone('+1 (415) 555-0100')).toBe('141******00');
    expect(maskPhone('12345')).toBe('*****');
    expect(maskPhone(null)).toBeNull();
  });

  it('keeps at most six characters and a third of an address', () => {
    expect(maskAddress('广东省深圳市南山区科技园路1号')).toBe('广东省深圳…');
    expect(maskAddress('1 Main St')).toBe('1 M…');
    expect(maskAddress('ab')).toBe('…');
    expect(maskAddress(null)).toBeNull();
  });
});

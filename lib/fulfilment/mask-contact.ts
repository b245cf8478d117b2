// What a read-only member (an analyst) sees of a winner's contact details: enough to recognise a
// record on the phone with support, not enough to reach or locate the person.

/** The first three and last two digits of a phone number, the rest starred: 138******78. */
export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null;
  const digits = phone.replace(/\D/g, '');
  if (digits.length <= 5) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 5)}${digits.slice(-2)}`;
}

/** The first few characters of an address (a province, a city), the rest replaced: 广东省深圳… */
export function maskAddress(address: string | null): string | null {
  if (address === null) return null;
  const chars = [...address.trim()];
  const kept = Math.min(6, Math.floor(chars.length / 3));
  return `${chars.slice(0, kept).join('')}…`;
}

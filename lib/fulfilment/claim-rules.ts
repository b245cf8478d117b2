// The claim form's rules, shared by the server schema (schemas.ts) and the H5 form, which
// checks them before sending without shipping zod to the phone.
export const CLAIM_NAME_MAX = 60;
export const CLAIM_PHONE_PATTERN = /^\+?[0-9][0-9 ()-]{4,19}$/;
export const CLAIM_ADDRESS_MIN = 5;
export const CLAIM_ADDRESS_MAX = 300;

export type ClaimField = 'name' | 'phone' | 'address';

/**
 * A structured address (the claim body's `address` object): zh-CN asks province, city, district and
 * street; en the usual fields.
 */
export type AddressParts = {
  province?: string;
  city?: string;
  district?: string;
  street: string;
  postcode?: string;
  country?: string;
};
export type AddressField = keyof AddressParts;
export const ADDRESS_PART_MAX = 120;
export const ADDRESS_STREET_MIN = 3;
/** A mainland China mobile number, with or without +86 and separators. */
export const CN_MOBILE_PATTERN = /^(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d){8}$/;
/** What each language's form asks for, in order, and which of them are required. */
export const ADDRESS_FIELDS: Record<'zh-CN' | 'en', { field: AddressField; required: boolean }[]> = {
  'zh-CN': [
    { field: 'province', required: true },
    { field: 'city', required: true },
    { field: 'district', required: true },
    { field: 'street', required: true },
  ],
  en: [
    { field: 'street', required: true },
    { field: 'city', required: true },
    { field: 'province', required: false },
    { field: 'postcode', required: true },
    { field: 'country', required: true },
  ],
};

/** The parts that break a rule for this language's form. */
export function addressProblems(parts: Partial<Record<AddressField, string>>, locale: 'zh-CN' | 'en'): AddressField[] {
  return ADDRESS_FIELDS[locale]
    .filter(({ field, required }) => {
      const v = (parts[field] ?? '').trim();
      if (v.length > ADDRESS_PART_MAX) return true;
      if (field === 'street') return v.length < ADDRESS_STREET_MIN;
      if (field === 'postcode' && v) return !/^[A-Za-z0-9 -]{3,10}$/.test(v);
      return required && v.length === 0;
    })
    .map((x) => x.field);
}

/** The phone rule for an address in this country: a mainland mobile in China, else 5 to 20 digits. */
export function phoneOk(phone: string, country: string | undefined): boolean {
  const p = phone.trim();
  return country?.toUpperCase() === 'CN' ? CN_MOBILE_PATTERN.test(p) : CLAIM_PHONE_PATTERN.test(p);
}

/** One line for the courier's label and the winners' CSV, in the address's own order. */
export function formatAddress(a: AddressParts): string {
  const parts = (xs: (string | undefined)[]) => xs.map((x) => x?.trim()).filter(Boolean) as string[];
  return a.country?.toUpperCase() === 'CN'
    ? parts([a.province, a.city, a.district, a.street]).join(' ')
    : parts([a.street, a.city, parts([a.province, a.postcode]).join(' '), a.country]).join(', ');
}

/** The fields that break a rule; empty when the claim may be sent. */
export function claimProblems(claim: Record<ClaimField, string>): ClaimField[] {
  const out: ClaimField[] = [];
  const name = claim.name.trim();
  if (name.length < 1 || name.length > CLAIM_NAME_MAX) out.push('name');
  if (!CLAIM_PHONE_PATTERN.test(claim.phone.trim())) out.push('phone');
  const address = claim.address.trim();
  if (address.length < CLAIM_ADDRESS_MIN || address.length > CLAIM_ADDRESS_MAX) out.push('address');
  return out;
}

// The claim form's rules, shared by the server schema (schemas.ts) and the H5 form, which
// checks them before sending without shipping zod to the phone.
export const CLAIM_NAME_MAX = 60;
export const CLAIM_PHONE_PATTERN = /^\+?[0-9][0-9 ()-]{4,19}$/;
export const CLAIM_ADDRESS_MIN = 5;
export const CLAIM_ADDRESS_MAX = 300;

export type ClaimField = 'name' | 'phone' | 'address';

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

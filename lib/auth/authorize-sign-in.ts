// The credentials check of a console sign-in, in one or two steps. The password first; an
// operator with two-factor on then needs a code (TOTP or a recovery code), sent with the
// password again. A missing code answers TWO_FACTOR_REQUIRED (the form asks for it; not a
// failure), a wrong or replayed one TWO_FACTOR_INVALID, which counts toward the sign-in
// throttle like a wrong password (lib/http/guard-credentials-sign-in.ts).
import { verifySecondFactor } from './verify-second-factor';
import { verifyOperatorCredentials, type OperatorIdentity } from './verify-operator';

/** next-auth error codes (its `error` parameter) of the second step. */
export const TWO_FACTOR_REQUIRED = 'TwoFactorRequired';
export const TWO_FACTOR_INVALID = 'TwoFactorInvalid';

export class SignInStepError extends Error {
  constructor(readonly code: typeof TWO_FACTOR_REQUIRED | typeof TWO_FACTOR_INVALID) {
    super(code);
  }
}

export type SignedInOperator = OperatorIdentity & { sessionEpoch: number };

/** The operator, or null for a wrong email or password; throws SignInStepError for the second step. */
export async function authorizeSignIn(input: {
  email: string;
  password: string;
  code?: string;
}): Promise<SignedInOperator | null> {
  const operator = await verifyOperatorCredentials(input.email, input.password);
  if (!operator) return null;
  const { twoFactor, ...identity } = operator;
  if (!twoFactor) return identity;
  const code = input.code?.trim();
  if (!code) throw new SignInStepError(TWO_FACTOR_REQUIRED);
  if (!(await verifySecondFactor(operator.id, code))) throw new SignInStepError(TWO_FACTOR_INVALID);
  return identity;
}

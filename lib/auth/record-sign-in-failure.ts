// One failed password check of the console: counted against the account and the address
// (lib/auth/sign-in-throttle.ts) and kept as a SignInFailure row. What was typed as the email is
// kept only when it is an email address; the password never.
import { z } from 'zod';
import { db } from '../db';
import { log } from '../log';
import { countSignInFailure } from './sign-in-throttle';

const WellFormedEmail = z.email().max(200);

export async function recordSignInFailure({
  email,
  ip,
  reason: knownReason,
}: {
  email: string;
  ip: string | null;
  /** Set when the password was right and the two-factor code was not. */
  reason?: 'wrong_code';
}): Promise<void> {
  const wellFormed = WellFormedEmail.safeParse(email).success ? email : null;
  const operator = wellFormed
    ? await db.operator.findUnique({ where: { email: wellFormed }, select: { id: true } })
    : null;
  const reason = knownReason ?? (!wellFormed ? 'malformed' : operator ? 'wrong_password' : 'unknown_email');
  await db.signInFailure.create({ data: { operatorId: operator?.id ?? null, email: wellFormed, ip, reason } });
  if (await countSignInFailure({ email, ip }))
    log.warn('console sign-in throttled', { operatorId: operator?.id ?? null, ip, reason });
}

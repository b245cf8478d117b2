import { db } from '../db';
import { hashPassword, verifyPassword } from './password';

export type OperatorIdentity = { id: string; email: string; name: string };
/** After the password: whether a second factor is due, and the epoch the session is signed with. */
export type VerifiedOperator = OperatorIdentity & { sessionEpoch: number; twoFactor: boolean };

// Compared against when the email is unknown, so a wrong email costs as long as a wrong password.
let decoyHash: Promise<string> | undefined;

export async function verifyOperatorCredentials(email: string, password: string): Promise<VerifiedOperator | null> {
  const operator = await db.operator.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, email: true, name: true, passwordHash: true, sessionEpoch: true, totpEnabledAt: true },
  });
  if (!operator) {
    await verifyPassword(password, await (decoyHash ??= hashPassword('decoy-password')));
    return null;
  }
  if (!(await verifyPassword(password, operator.passwordHash))) return null;
  return {
    id: operator.id,
    email: operator.email,
    name: operator.name,
    sessionEpoch: operator.sessionEpoch,
    twoFactor: Boolean(operator.totpEnabledAt),
  };
}

/** Creates or updates an operator; the password is stored only as a scrypt hash. */
export async function upsertOperator(email: string, name: string, password: string): Promise<OperatorIdentity> {
  const normalized = email.trim().toLowerCase();
  const existing = await db.operator.findUnique({
    where: { email: normalized },
    select: { id: true, email: true, name: true, passwordHash: true },
  });
  if (existing && (await verifyPassword(password, existing.passwordHash)))
    return { id: existing.id, email: existing.email, name: existing.name };
  const passwordHash = await hashPassword(password);
  return db.operator.upsert({
    where: { email: normalized },
    update: { passwordHash },
    create: { email: normalized, name, passwordHash },
    select: { id: true, email: true, name: true },
  });
}

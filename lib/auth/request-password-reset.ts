// "Forgot password?": a one-time reset link, mailed (lib/auth/mail-outbox.ts), never shown to
// whoever asked. Only the link's sha256 is stored; it expires after 30 minutes, works once, and
// a newer link voids the older ones. The answer is the same whether the address names an
// operator or not, and requests are throttled per address and per client, counted either way.
// An owner may have a link mailed to a member of their tenant: it goes to the member's own
// mailbox, so an owner cannot take over an operator who also belongs to another tenant.
import { config } from '../config';
import { db } from '../db';
import { AppError } from '../errors';
import { key, requestRedis } from '../redis';
import { writeAuditLog, type Actor } from '../audit/write-audit-log';
import { mailOutbox } from './mail-outbox';
import { randomSecret, sha256Hex } from './secrets';

export const PASSWORD_RESET_TTL_MINUTES = 30;

export const PASSWORD_RESET_LIMITS = {
  email: { requests: 3, windowSeconds: 15 * 60 },
  ip: { requests: 10, windowSeconds: 15 * 60 },
} as const;

/** Counts one request; throws RATE_LIMITED when the address or the client asked too often. */
async function throttleResetRequest(email: string, ip: string | null): Promise<void> {
  const redis = await requestRedis();
  const limits = [
    { key: key('pwreset', 'email', sha256Hex(email).slice(0, 32)), ...PASSWORD_RESET_LIMITS.email },
    ...(ip ? [{ key: key('pwreset', 'ip', ip), ...PASSWORD_RESET_LIMITS.ip }] : []),
  ];
  const multi = redis.multi();
  for (const l of limits) multi.set(l.key, 0, 'EX', l.windowSeconds, 'NX').incr(l.key).ttl(l.key);
  const replies = (await multi.exec())!;
  let waitSeconds = 0;
  limits.forEach((l, i) => {
    const count = Number(replies[3 * i + 1]![1]);
    const ttl = Number(replies[3 * i + 2]![1]);
    if (count > l.requests) waitSeconds = Math.max(waitSeconds, ttl > 0 ? ttl : l.windowSeconds);
  });
  if (waitSeconds > 0)
    throw new AppError(
      'RATE_LIMITED',
      'too many reset requests for this address or from your network; try again later',
      { retryAfterSeconds: waitSeconds },
      { 'retry-after': String(waitSeconds) },
    );
}

async function createAndMailResetLink(
  operator: { id: string; email: string },
  issuedBy: { operatorId: string; tenantId: string; tenantName: string } | null,
  now: number,
): Promise<{ id: string; expiresAt: Date }> {
  const token = randomSecret(32);
  const created = await db.$transaction(async (tx) => {
    // Only the newest link works.
    await tx.passwordReset.updateMany({
      where: { operatorId: operator.id, usedAt: null, voidedAt: null },
      data: { voidedAt: new Date(now) },
    });
    return tx.passwordReset.create({
      data: {
        operatorId: operator.id,
        tokenHash: sha256Hex(token),
        issuedById: issuedBy?.operatorId ?? null,
        tenantId: issuedBy?.tenantId ?? null,
        expiresAt: new Date(now + PASSWORD_RESET_TTL_MINUTES * 60_000),
      },
      select: { id: true, expiresAt: true },
    });
  });
  const link = `${config().publicUrl}/reset/${token}`;
  const why = issuedBy
    ? `An owner of ${issuedBy.tenantName} asked for a password reset link for your Lottery Console account.`
    : 'Someone (hopefully you) asked to reset the password of your Lottery Console account.';
  await mailOutbox().send({
    to: operator.email,
    subject: 'Reset your Lottery Console password',
    body:
      `${why}\n\nChoose a new password here (the link works once, for ${PASSWORD_RESET_TTL_MINUTES} minutes):\n` +
      `${link}\n\nIf you did not expect this, ignore this message: your password stays as it is.`,
  });
  return created;
}

/** Answers the same (nothing) whether or not the address names an operator. */
export async function requestPasswordReset(
  input: { email: string; ip: string | null },
  now = Date.now(),
): Promise<void> {
  await throttleResetRequest(input.email, input.ip);
  const operator = await db.operator.findUnique({
    where: { email: input.email },
    select: { id: true, email: true },
  });
  if (operator) await createAndMailResetLink(operator, null, now);
}

/** An owner has a reset link mailed to a member of their tenant; audited in that tenant. */
export async function issuePasswordReset(
  tenantId: string,
  actor: Actor,
  operatorId: string,
  now = Date.now(),
): Promise<{ email: string; expiresAt: string }> {
  const member = await db.membership.findFirst({
    where: { tenantId, operatorId },
    select: { operator: { select: { id: true, email: true } }, tenant: { select: { name: true } } },
  });
  if (!member) throw new AppError('NOT_FOUND', `member ${operatorId} not found`);
  const issuedBy =
    actor.type === 'OPERATOR' ? { operatorId: actor.id, tenantId, tenantName: member.tenant.name } : null;
  const created = await createAndMailResetLink(member.operator, issuedBy, now);
  await writeAuditLog(tenantId, actor, {
    action: 'member.passwordReset',
    objectType: 'Operator',
    objectId: operatorId,
    after: { expiresAt: created.expiresAt.toISOString() },
  });
  return { email: member.operator.email, expiresAt: created.expiresAt.toISOString() };
}

// The one server-side guard of the console: every page and every server action passes
// through it. Roles are ordered ANALYST < OPERATOR < OWNER; a tenant the operator does not
// belong to is "not found", so the console never confirms another tenant exists. An owner of a
// tenant that requires two-factor sign-in for owners, and who has not turned it on, may do
// nothing there until they do (TwoFactorRequiredError; the console sends them to set it up).
import { db } from '../db';
import { AppError } from '../errors';
import type { Actor } from '../audit/write-audit-log';
import { textProblem } from '../validation/text';

export type Role = 'OWNER' | 'OPERATOR' | 'ANALYST';
const rank: Record<Role, number> = { ANALYST: 1, OPERATOR: 2, OWNER: 3 };

export type ConsoleContext = {
  operatorId: string;
  tenantId: string;
  tenantSlug: string;
  tenantName: string;
  /** The zone the console shows this tenant's times in. */
  tenantTimezone: string;
  role: Role;
  /** False for analysts: other operators' ids reach them only as stand-ins (lib/audit/operator-privacy.ts). */
  seesOperatorIds: boolean;
  actor: Actor;
};

/** The tenant requires two-factor sign-in of its owners, and this owner has not turned it on. */
export class TwoFactorRequiredError extends AppError {
  constructor(readonly tenantSlug: string) {
    super('FORBIDDEN', 'this tenant requires owners to use two-factor sign-in: turn it on under Account → Security', {
      twoFactorRequired: true,
    });
  }
}

export function roleAtLeast(role: Role, minRole: Role): boolean {
  return rank[role] >= rank[minRole];
}

export async function authorizeConsole(
  operatorId: string | null | undefined,
  tenantSlug: string,
  minRole: Role,
): Promise<ConsoleContext> {
  if (!operatorId) throw new AppError('UNAUTHORIZED', 'sign in first');
  // A slug that cannot be stored names no tenant; the database is not asked.
  if (textProblem(tenantSlug)) throw new AppError('NOT_FOUND', 'tenant not found');
  const membership = await db.membership.findFirst({
    where: { operatorId, tenant: { slug: tenantSlug } },
    select: {
      role: true,
      tenant: { select: { id: true, slug: true, name: true, timezone: true, requireOwnerTwoFactor: true } },
      operator: { select: { totpEnabledAt: true } },
    },
  });
  if (!membership) throw new AppError('NOT_FOUND', `tenant ${tenantSlug} not found`);
  if (membership.role === 'OWNER' && membership.tenant.requireOwnerTwoFactor && !membership.operator.totpEnabledAt)
    throw new TwoFactorRequiredError(membership.tenant.slug);
  if (!roleAtLeast(membership.role, minRole)) {
    throw new AppError('FORBIDDEN', `this needs the ${minRole} role; you are ${membership.role}`);
  }
  return {
    operatorId,
    tenantId: membership.tenant.id,
    tenantSlug: membership.tenant.slug,
    tenantName: membership.tenant.name,
    tenantTimezone: membership.tenant.timezone,
    role: membership.role,
    seesOperatorIds: roleAtLeast(membership.role, 'OPERATOR'),
    actor: { type: 'OPERATOR', id: operatorId, role: membership.role },
  };
}

export type OperatorTenant = { slug: string; name: string; role: Role };

export async function listOperatorTenants(operatorId: string): Promise<OperatorTenant[]> {
  const rows = await db.membership.findMany({
    where: { operatorId },
    select: { role: true, tenant: { select: { slug: true, name: true } } },
    orderBy: { tenant: { name: 'asc' } },
  });
  return rows.map((r) => ({ slug: r.tenant.slug, name: r.tenant.name, role: r.role }));
}

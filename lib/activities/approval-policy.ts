// A tenant's four-eyes rule: a change touching a scope in `scope` waits for `required` approvals
// from actors other than its proposer. No policy, or required 0: changes apply at once.
import type { Actor } from '../audit/write-audit-log';
import { writeAuditLog } from '../audit/write-audit-log';
import { db } from '../db';
import { CHANGE_SCOPES, type ApprovalPolicyInput, type ChangeScope } from './change-schemas';

export type ApprovalPolicy = { required: number; scope: ChangeScope[] };

export async function getApprovalPolicy(tenantId: string): Promise<ApprovalPolicy> {
  const row = await db.approvalPolicy.findUnique({ where: { tenantId }, select: { required: true, scope: true } });
  return row
    ? { required: row.required, scope: row.scope as ChangeScope[] }
    : { required: 0, scope: [...CHANGE_SCOPES] };
}

/** PUT /api/manage/settings/approvals; a scope left out means every scope. */
export async function setApprovalPolicy(
  tenantId: string,
  actor: Actor,
  input: ApprovalPolicyInput,
): Promise<ApprovalPolicy> {
  const next: ApprovalPolicy = { required: input.required, scope: input.scope ?? [...CHANGE_SCOPES] };
  return db.$transaction(async (tx) => {
    const before = await tx.approvalPolicy.findUnique({ where: { tenantId }, select: { required: true, scope: true } });
    await tx.approvalPolicy.upsert({ where: { tenantId }, create: { tenantId, ...next }, update: next });
    await writeAuditLog(
      tenantId,
      actor,
      { action: 'approvals.update', objectType: 'Tenant', objectId: tenantId, before, after: next },
      tx,
    );
    return next;
  });
}

/** Approvals a change touching `scopes` needs under the policy. */
export function approvalsNeeded(policy: ApprovalPolicy, scopes: readonly string[]): number {
  return scopes.some((s) => policy.scope.includes(s as ChangeScope)) ? policy.required : 0;
}

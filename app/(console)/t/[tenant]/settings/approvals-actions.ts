'use server';

// The approval policy in Settings: how many approvals a change needs, and for which scopes.
// OWNER only, checked here on the server; the lib function writes the audit entry.
import { revalidatePath } from 'next/cache';
import { setApprovalPolicy, type ApprovalPolicy } from '@/lib/activities/approval-policy';
import { ApprovalPolicyInput } from '@/lib/activities/change-schemas';
import type { ChangeActionResult } from '@/components/console/changes/change-action-result';
import { changeAction } from '../changes/change-action';

export async function setApprovalPolicyAction(
  tenantSlug: string,
  input: unknown,
): Promise<ChangeActionResult<ApprovalPolicy>> {
  return changeAction(tenantSlug, 'OWNER', async (ctx) => {
    const policy = await setApprovalPolicy(ctx.tenantId, ctx.actor, ApprovalPolicyInput.parse(input));
    revalidatePath(`/t/${ctx.tenantSlug}`, 'layout');
    return policy;
  });
}

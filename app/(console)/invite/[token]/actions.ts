'use server';

// The public invitation page's one action. No session is needed: the link's token is the
// credential, checked (unused, unexpired, by its hash) and spent by lib/tenancy/accept-invitation.
import { z } from 'zod';
import type { Role } from '@/lib/auth/console-guard';
import { runAction, type ActionResult } from '@/lib/http/action-result';
import { acceptInvitation } from '@/lib/tenancy/accept-invitation';
import { AcceptInvitation } from '@/lib/tenancy/member-schemas';

const Token = z.string().max(200);

export async function acceptInvitationAction(
  token: string,
  input: AcceptInvitation,
): Promise<ActionResult<{ email: string; tenantSlug: string; role: Role }>> {
  return runAction(async () => acceptInvitation(Token.parse(token), AcceptInvitation.parse(input)));
}

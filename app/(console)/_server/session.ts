// The console's one bridge from the next-auth session to the lib guard. Pages call
// `requireConsolePage` (redirects), server actions `consoleAction` (an error becomes the
// action's result), routes `requireConsole` (an error becomes the response).
import 'server-only';
import { getServerSession } from 'next-auth/next';
import { notFound, redirect } from 'next/navigation';
import { authorizeConsole, TwoFactorRequiredError, type ConsoleContext, type Role } from '@/lib/auth/console-guard';
import { nextAuthOptions } from '@/lib/auth/next-auth-options';
import { AppError } from '@/lib/errors';
import { runAction, type ActionResult } from '@/lib/http/action-result';
import { z } from 'zod';

export async function currentOperatorId(): Promise<string | null> {
  const session = await getServerSession(nextAuthOptions());
  return (session?.user as { id?: string } | undefined)?.id ?? null;
}

export async function requireConsolePage(tenantSlug: string, minRole: Role = 'ANALYST'): Promise<ConsoleContext> {
  const operatorId = await currentOperatorId();
  if (!operatorId) redirect('/signin');
  try {
    return await authorizeConsole(operatorId, tenantSlug, minRole);
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') notFound();
    // An owner the tenant requires two-factor sign-in of sets it up before anything else.
    if (err instanceof TwoFactorRequiredError)
      redirect(`/account/security?required=${encodeURIComponent(err.tenantSlug)}`);
    throw err;
  }
}

const TenantSlug = z.string().max(200);

/** For console routes (downloads, polled data): not signed in → 401; another tenant → 404. */
export async function requireConsole(tenantSlug: string, minRole: Role): Promise<ConsoleContext> {
  return authorizeConsole(await currentOperatorId(), tenantSlug, minRole);
}

/** For server actions, whose arguments come from the browser: the slug is bounded before use. */
export function requireConsoleAction(tenantSlug: string, minRole: Role): Promise<ConsoleContext> {
  return requireConsole(TenantSlug.parse(tenantSlug), minRole);
}

/**
 * A console server action: the operator's role in the tenant is checked on the server (the UI
 * hiding a control is no security boundary), then `fn` runs; any error comes back as the result.
 */
export function consoleAction<T>(
  tenantSlug: string,
  minRole: Role,
  fn: (ctx: ConsoleContext) => Promise<T>,
): Promise<ActionResult<T>> {
  return runAction(async () => fn(await requireConsoleAction(tenantSlug, minRole)));
}

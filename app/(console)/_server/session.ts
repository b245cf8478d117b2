// The console's one bridge from the next-auth session to the lib guard. Pages call
// `requireConsolePage` (redirects), server actions `requireConsoleAction` (throws).
import 'server-only';
import { getServerSession } from 'next-auth/next';
import { notFound, redirect } from 'next/navigation';
import { authorizeConsole, type ConsoleContext, type Role } from '@/lib/auth/console-guard';
import { nextAuthOptions } from '@/lib/auth/next-auth-options';
import { AppError } from '@/lib/errors';

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
    throw err;
  }
}

export async function requireConsoleAction(tenantSlug: string, minRole: Role): Promise<ConsoleContext> {
  return authorizeConsole(await currentOperatorId(), tenantSlug, minRole);
}

// A failed change action, said so that the operator can act on it: a base that moved (rebase on
// the version in force), prizes short of units (how many, and where to restock), or anything
// else with the request id to quote.
import Link from 'next/link';
import type { ChangeActionError } from './change-action-result';

type Short = { prizeId: string; available: number; requested: number };

function shortOf(details: unknown): Short | null {
  const d = details as Partial<Short> | undefined;
  return d && typeof d.prizeId === 'string' && typeof d.requested === 'number' && typeof d.available === 'number'
    ? (d as Short)
    : null;
}

export function ChangeError({
  error,
  tenantSlug,
  prizeNames = {},
  onRebase,
}: {
  error: ChangeActionError;
  tenantSlug: string;
  prizeNames?: Record<string, string>;
  onRebase?: () => void;
}) {
  const short = error.code === 'INSUFFICIENT_STOCK' ? shortOf(error.details) : null;
  const conflict = error.code === 'CONFLICT' ? (error.details as { currentVersion?: number } | undefined) : undefined;
  return (
    <div role="alert" className="space-y-1.5 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      <p>
        <span className="font-medium">{error.code}</span>: {error.message}
      </p>
      {short ? (
        <p>
          {prizeNames[short.prizeId] ?? 'The prize'} is short of {short.requested - short.available} units (
          {short.available} free, {short.requested} needed).{' '}
          <Link href={`/t/${tenantSlug}/prizes/${short.prizeId}`} className="font-medium underline">
            Restock {prizeNames[short.prizeId] ?? 'the prize'}
          </Link>
        </p>
      ) : null}
      {conflict?.currentVersion !== undefined && onRebase ? (
        <p>
          Version {conflict.currentVersion} is in force now.{' '}
          <button type="button" onClick={onRebase} className="font-medium underline">
            Rebase on v{conflict.currentVersion}
          </button>
        </p>
      ) : null}
      <p className="text-xs text-red-700">
        Request id <code data-testid="request-id">{error.requestId}</code>
      </p>
    </div>
  );
}

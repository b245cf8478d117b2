'use client';

// A failed change action, said so that the operator can act on it: a base that moved (rebase on
// the version in force), prizes short of units (how many, and where to restock), or anything
// else with the request id to quote.
import Link from 'next/link';
import { useT } from '../i18n';
import type { ChangeActionError } from './change-action-result';

type Short = { prizeId: string; name?: string; available: number; needed: number };

/**
 * The prizes short of units: a proposal's check lists each (`prizes: [{ prizeId, name, needed,
 * available, missing }]`); the ledger's writer, refusing a move at apply time, names one
 * (`{ prizeId, available, requested }`).
 */
function shortsOf(details: unknown): Short[] {
  const d = details as
    | { prizes?: { prizeId?: unknown; name?: unknown; needed?: unknown; available?: unknown }[] }
    | { prizeId?: unknown; available?: unknown; requested?: unknown }
    | undefined;
  if (!d) return [];
  if ('prizes' in d && Array.isArray(d.prizes))
    return d.prizes.flatMap((p) =>
      typeof p.prizeId === 'string' && typeof p.needed === 'number' && typeof p.available === 'number'
        ? [
            {
              prizeId: p.prizeId,
              name: typeof p.name === 'string' ? p.name : undefined,
              needed: p.needed,
              available: p.available,
            },
          ]
        : [],
    );
  if (
    'prizeId' in d &&
    typeof d.prizeId === 'string' &&
    typeof d.requested === 'number' &&
    typeof d.available === 'number'
  )
    return [{ prizeId: d.prizeId, available: d.available, needed: d.requested }];
  return [];
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
  const t = useT();
  const shorts = error.code === 'INSUFFICIENT_STOCK' ? shortsOf(error.details) : [];
  const conflict = error.code === 'CONFLICT' ? (error.details as { currentVersion?: number } | undefined) : undefined;
  return (
    <div role="alert" className="space-y-1.5 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      <p>
        <span className="font-medium">{error.code}</span>: {error.message}
      </p>
      {shorts.map((short) => {
        const name = prizeNames[short.prizeId] ?? short.name ?? t('The prize');
        return (
          <p key={short.prizeId}>
            {t('{name} is short of {missing} units ({available} free, {needed} needed).', {
              name,
              missing: String(short.needed - short.available),
              available: String(short.available),
              needed: String(short.needed),
            })}{' '}
            <Link href={`/t/${tenantSlug}/prizes/${short.prizeId}`} className="font-medium underline">
              {t('Restock {name}', { name })}
            </Link>
          </p>
        );
      })}
      {conflict?.currentVersion !== undefined && onRebase ? (
        <p>
          {t('Version {version} is in force now.', { version: String(conflict.currentVersion) })}{' '}
          <button type="button" onClick={onRebase} className="font-medium underline">
            {t('Rebase on v{version}', { version: String(conflict.currentVersion) })}
          </button>
        </p>
      ) : null}
      <p className="text-xs text-red-700">
        {t('Request id')} <code data-testid="request-id">{error.requestId}</code>
      </p>
    </div>
  );
}

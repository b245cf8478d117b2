'use client';

// The approval policy (owners): how many other operators must approve a change, and which
// scopes of a change need them. 0 approvals: changes apply as soon as they are proposed.
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { buttonClasses } from '@/components/ui/button-classes';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import type { ChangeActionError, ChangeActionResult } from '@/components/console/changes/change-action-result';
import { ChangeError } from '@/components/console/changes/change-error';
import { useT } from '@/components/console/i18n';
import { msg } from '@/lib/i18n/console/translator';

type Policy = { required: number; scope: string[] };

const SCOPES: { value: string; label: string }[] = [
  { value: 'odds', label: msg('Odds') },
  { value: 'stock', label: msg('Stock') },
  { value: 'period', label: msg('Period') },
  { value: 'limits', label: msg('Limits') },
  { value: 'tiers', label: msg('Tiers (added, removed, renamed, pacing)') },
  { value: 'tasks', label: msg('Tasks') },
  { value: 'materials', label: msg('Materials (texts, banner, colour)') },
];

export function ApprovalsPanel({
  tenantSlug,
  policy,
  save,
}: {
  tenantSlug: string;
  policy: Policy;
  save: ((input: Policy) => Promise<ChangeActionResult<Policy>>) | null;
}) {
  const [required, setRequired] = useState(policy.required);
  const [scope, setScope] = useState(new Set(policy.scope));
  const [error, setError] = useState<ChangeActionError | null>(null);
  const [pending, start] = useTransition();
  const router = useRouter();
  const toast = useToast();
  const t = useT();
  const disabled = !save || pending;

  return (
    <form
      aria-label={t('Approval policy')}
      className="space-y-4 rounded-lg border border-zinc-200 bg-white p-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (!save) return;
        start(async () => {
          const chosen = SCOPES.map((s) => s.value).filter((s) => scope.has(s));
          const r = await save({ required, scope: chosen });
          if (r.ok) {
            setError(null);
            toast.success(
              t('Approval policy saved'),
              r.data.required
                ? t('{count} approval(s) for: {scopes}.', { count: r.data.required, scopes: r.data.scope.join(', ') })
                : t('Changes apply at once.'),
            );
            router.refresh();
          } else setError(r.error);
        });
      }}
    >
      <div>
        <label htmlFor="approvals-required" className="block text-sm font-medium text-zinc-800">
          {t('Approvals required')}
        </label>
        <select
          id="approvals-required"
          value={required}
          disabled={disabled}
          onChange={(e) => setRequired(Number(e.target.value))}
          className="mt-1.5 h-9 w-48 rounded-md border border-zinc-300 bg-white px-2 text-sm disabled:bg-zinc-50"
        >
          {[0, 1, 2, 3, 4, 5].map((n) => (
            <option key={n} value={n}>
              {n === 0 ? t('0: apply at once') : t.plural(n, '{count} other operator', '{count} other operators')}
            </option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-zinc-800">{t('Changes that need them')}</legend>
        <div className="mt-2 grid grid-cols-2 gap-x-6 gap-y-1.5">
          {SCOPES.map((s) => (
            <label key={s.value} className="flex items-center gap-2 text-sm text-zinc-800">
              <input
                type="checkbox"
                name="scope"
                value={s.value}
                checked={scope.has(s.value)}
                disabled={disabled}
                onChange={(e) => {
                  const next = new Set(scope);
                  if (e.target.checked) next.add(s.value);
                  else next.delete(s.value);
                  setScope(next);
                }}
                className="size-4 rounded border-zinc-300"
              />
              {t(s.label)}
            </label>
          ))}
        </div>
      </fieldset>
      {error ? <ChangeError error={error} tenantSlug={tenantSlug} /> : null}
      {save ? (
        <button type="submit" className={buttonClasses('primary', 'sm')} disabled={pending}>
          {pending ? <Spinner /> : null}
          {t('Save policy')}
        </button>
      ) : null}
    </form>
  );
}

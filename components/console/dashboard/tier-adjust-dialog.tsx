'use client';

// Change a live tier's odds or stock: edit, then review the diff (before → after), then confirm.
// Nothing is sent before the confirmation; the server refuses the change if the tier is no
// longer what the preview showed.
import { useId, useRef, useState, useTransition, type FormEvent } from 'react';
import type { ActionResult } from '@/lib/http/action-result';
import { tierDiff } from '@/lib/stats/adjustment-diff';
import type { DashboardTier } from '@/lib/stats/get-dashboard-data';
import type { LiveTierAdjustment } from '@/lib/activities/live-change-schemas';
import { buttonClasses } from '@/components/ui/button-classes';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { useT } from '../i18n';
import { DiffPreview } from './diff-preview';

const inputClasses =
  'block h-9 w-full rounded-md border border-zinc-300 bg-white px-3 text-sm text-zinc-900 shadow-sm tabular-nums ' +
  'focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none aria-invalid:border-red-500';

export type AdjustTier = (tierId: string, adjustment: LiveTierAdjustment) => Promise<ActionResult<unknown>>;

function parsePercent(text: string): number | null {
  const digits = text.trim().replace(/%$/, '');
  if (!/^\d{1,3}(\.\d{1,4})?$/.test(digits)) return null;
  const p = Number(digits);
  return p <= 100 ? Math.round(p * 10_000) / 1_000_000 : null;
}

export function TierAdjustButton({
  tier,
  othersProbability,
  adjustTier,
  onDone,
}: {
  tier: DashboardTier;
  othersProbability: number;
  adjustTier: AdjustTier;
  onDone: () => void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [odds, setOdds] = useState('');
  const [stock, setStock] = useState('');
  const [step, setStep] = useState<'edit' | 'review'>('edit');
  const [error, setError] = useState<string | null>(null);
  const [snapshot, setSnapshot] = useState(tier);
  const [pending, startTransition] = useTransition();
  const toast = useToast();
  const t = useT();
  const id = useId();

  const probability = parsePercent(odds);
  const stockValue = /^\d{1,9}$/.test(stock.trim()) ? Number(stock.trim()) : null;
  const diff =
    probability !== null && stockValue !== null
      ? tierDiff(snapshot, { probability, stock: stockValue }, othersProbability)
      : null;

  function open() {
    // The preview compares with the tier as it is when the dialog opens.
    setSnapshot(tier);
    setOdds(String(Math.round(tier.probability * 1_000_000) / 10_000));
    setStock(String(tier.stock));
    setStep('edit');
    setError(null);
    dialogRef.current?.showModal();
  }

  function review(e: FormEvent) {
    e.preventDefault();
    if (probability === null)
      return setError(t('Enter the odds as a percentage between 0 and 100, at most 4 decimals.'));
    if (stockValue === null) return setError(t('Enter the tier stock as a whole number.'));
    setError(null);
    setStep('review');
  }

  function confirm() {
    if (!diff || probability === null || stockValue === null) return;
    startTransition(async () => {
      const result = await adjustTier(snapshot.id, {
        ...(diff.rows[0]!.changed ? { probability } : {}),
        ...(diff.rows[1]!.changed ? { stock: stockValue } : {}),
        expected: { probability: snapshot.probability, stock: snapshot.stock },
      });
      const pendingChange = result.ok
        ? (result.data as { pendingChange?: { approvalsRequired: number } | null }).pendingChange
        : null;
      if (result.ok && pendingChange) {
        dialogRef.current?.close();
        const n = pendingChange.approvalsRequired;
        toast.success(
          t('Sent for approval'),
          t.plural(
            n,
            '{name}: the change waits for {count} approval by another operator.',
            '{name}: the change waits for {count} approvals by another operator.',
            { name: snapshot.name },
          ),
        );
        onDone();
      } else if (result.ok) {
        dialogRef.current?.close();
        // English names the fields in lower case mid-sentence ("odds 10% → 15%").
        const field = (name: string) => (t(name) === name ? name.toLowerCase() : t(name));
        toast.success(
          t('Tier updated'),
          `${snapshot.name}: ${diff.rows
            .filter((r) => r.changed && r.field !== 'No win (all tiers)')
            .map((r) => `${field(r.field)} ${r.before} → ${r.after}`)
            .join(t.locale === 'en' ? ', ' : '，')}`,
        );
        onDone();
      } else {
        setError(result.error.message);
        toast.error(t('Could not update the tier'), result.error.message);
      }
    });
  }

  return (
    <>
      <button
        type="button"
        onClick={open}
        className={buttonClasses('secondary', 'sm')}
        aria-label={t('Adjust {name}', { name: tier.name })}
      >
        {t('Adjust')}
      </button>
      <dialog
        ref={dialogRef}
        aria-labelledby={`${id}-title`}
        onCancel={(e) => pending && e.preventDefault()}
        onClick={(e) => e.target === dialogRef.current && !pending && dialogRef.current.close()}
        className="m-auto w-full max-w-lg rounded-xl border border-zinc-200 bg-white p-0 text-left shadow-2xl shadow-zinc-900/20"
      >
        <form onSubmit={review} noValidate>
          <div className="space-y-5 p-6">
            <div>
              <h2 id={`${id}-title`} className="text-base font-semibold text-zinc-950">
                {step === 'edit'
                  ? t('Adjust {name}', { name: snapshot.name })
                  : t('Review the change to {name}', { name: snapshot.name })}
              </h2>
              <p className="mt-1.5 text-sm leading-6 text-zinc-600">
                {step === 'edit'
                  ? t(
                      'The activity is running: the change applies to the next draw. You will see the difference before anything is saved.',
                    )
                  : t('Check the difference. Confirming applies it at once and records it in the audit log.')}
              </p>
            </div>
            {error ? (
              <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
                {error}
              </p>
            ) : null}
            {step === 'edit' ? (
              <div className="grid grid-cols-2 gap-4">
                <div>
                  <label htmlFor={`${id}-odds`} className="block text-sm font-medium text-zinc-800">
                    {t('Odds (%)')}
                  </label>
                  <input
                    id={`${id}-odds`}
                    inputMode="decimal"
                    autoComplete="off"
                    value={odds}
                    onChange={(e) => setOdds(e.target.value)}
                    aria-invalid={odds !== '' && probability === null ? true : undefined}
                    aria-describedby={`${id}-odds-hint`}
                    className={`mt-1.5 ${inputClasses}`}
                  />
                  <p id={`${id}-odds-hint`} className="mt-1.5 text-xs text-zinc-500">
                    {t('Now {percent}% of draws.', {
                      percent: t.number(snapshot.probability * 100, { maximumFractionDigits: 4 }),
                    })}
                  </p>
                </div>
                <div>
                  <label htmlFor={`${id}-stock`} className="block text-sm font-medium text-zinc-800">
                    {t('Tier stock')}
                  </label>
                  <input
                    id={`${id}-stock`}
                    inputMode="numeric"
                    autoComplete="off"
                    value={stock}
                    onChange={(e) => setStock(e.target.value)}
                    aria-invalid={stock !== '' && stockValue === null ? true : undefined}
                    aria-describedby={`${id}-stock-hint`}
                    className={`mt-1.5 ${inputClasses}`}
                  />
                  <p id={`${id}-stock-hint`} className="mt-1.5 text-xs text-zinc-500">
                    {t('{count} already won.', { count: snapshot.wins })}
                  </p>
                </div>
              </div>
            ) : diff ? (
              <DiffPreview diff={diff} label={t('Change to {name}', { name: snapshot.name })} />
            ) : null}
          </div>
          <div className="flex justify-end gap-2 rounded-b-xl border-t border-zinc-200 bg-zinc-50 px-6 py-4">
            {step === 'edit' ? (
              <>
                <button type="button" onClick={() => dialogRef.current?.close()} className={buttonClasses('secondary')}>
                  {t('Cancel')}
                </button>
                <button type="submit" className={buttonClasses('primary')}>
                  {t('Review change')}
                </button>
              </>
            ) : (
              <>
                <button
                  type="button"
                  onClick={() => setStep('edit')}
                  disabled={pending}
                  className={buttonClasses('secondary')}
                >
                  {t('Back')}
                </button>
                <button
                  type="button"
                  onClick={confirm}
                  disabled={pending || !diff || diff.errors.length > 0}
                  aria-busy={pending}
                  className={buttonClasses('primary')}
                >
                  {pending ? <Spinner /> : null}
                  {pending ? t('Applying…') : t('Confirm change')}
                </button>
              </>
            )}
          </div>
        </form>
      </dialog>
    </>
  );
}

'use client';

// Restock one prize from the console: a small dialog (native <dialog>: focus trap, Escape and
// backdrop for free) asking how many units to add or take away and why.
import { useId, useRef, useState, useTransition, type FormEvent } from 'react';
import type { ActionResult } from '@/lib/http/action-result';
import type { PrizeDto } from '@/lib/prizes/prize-dto';
import { buttonClasses } from '@/components/ui/button-classes';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { useT } from '../i18n';

const QUANTITY_LIMIT = 100_000_000;
const REASON_MAX = 500;

const inputClasses =
  'block h-9 w-full rounded-md border border-zinc-300 bg-white px-3 text-sm text-zinc-900 shadow-sm placeholder:text-zinc-500 ' +
  'focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none aria-invalid:border-red-500 aria-invalid:focus:ring-red-500/20 disabled:bg-zinc-50';

type Errors = { quantity?: string; reason?: string; form?: string };

export function RestockPrizeButton({
  prize,
  restockAction,
  size = 'sm',
}: {
  prize: { name: string; available: number };
  restockAction: (quantity: number, reason: string) => Promise<ActionResult<{ prize: PrizeDto }>>;
  size?: 'sm' | 'md';
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [quantity, setQuantity] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [pending, startTransition] = useTransition();
  const toast = useToast();
  const t = useT();
  const id = useId();
  const ids = {
    title: `${id}-title`,
    body: `${id}-body`,
    quantity: `${id}-quantity`,
    quantityHint: `${id}-quantity-hint`,
    reason: `${id}-reason`,
    reasonHint: `${id}-reason-hint`,
    form: `${id}-form-error`,
  };

  const parsed = /^[+-]?\d{1,9}$/.test(quantity.trim()) ? Number(quantity.trim()) : null;
  const availableAfter = parsed !== null && parsed !== 0 ? prize.available + parsed : null;

  function open() {
    setQuantity('');
    setReason('');
    setErrors({});
    dialogRef.current?.showModal();
  }

  function validate(): Errors {
    const found: Errors = {};
    if (parsed === null) found.quantity = t('Enter a whole number of units, e.g. 25 or -10.');
    else if (parsed === 0) found.quantity = t('Enter a number other than 0.');
    else if (Math.abs(parsed) > QUANTITY_LIMIT)
      found.quantity = t('Move at most {count} units at a time.', { count: QUANTITY_LIMIT });
    else if (prize.available + parsed < 0)
      found.quantity = t('Only {count} units are free to take away.', { count: prize.available });
    if (!reason.trim()) found.reason = t('Say why the stock changes; it is kept in the ledger.');
    return found;
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const found = validate();
    setErrors(found);
    if (found.quantity || found.reason || parsed === null) {
      document.getElementById(found.quantity ? ids.quantity : ids.reason)?.focus();
      return;
    }
    startTransition(async () => {
      const result = await restockAction(parsed, reason.trim());
      if (result.ok) {
        dialogRef.current?.close();
        toast.success(
          t('Stock updated'),
          t('{name}: {delta} units, {available} now available.', {
            name: prize.name,
            delta: t.number(parsed, { signDisplay: 'exceptZero' }),
            available: result.data.prize.stock.available,
          }),
        );
        return;
      }
      const { code, message } = result.error;
      if (code === 'INSUFFICIENT_STOCK' || /^quantity\b/.test(message))
        setErrors({ quantity: message.replace(/^quantity: /, '') });
      else if (/^reason\b/.test(message)) setErrors({ reason: message.replace(/^reason: /, '') });
      else setErrors({ form: message });
      toast.error(t('Could not update the stock'), message);
    });
  }

  return (
    <>
      <button
        type="button"
        onClick={open}
        className={buttonClasses('secondary', size)}
        aria-label={t('Restock {name}', { name: prize.name })}
      >
        {t('Restock')}
      </button>
      <dialog
        ref={dialogRef}
        aria-labelledby={ids.title}
        aria-describedby={ids.body}
        onCancel={(e) => {
          if (pending) e.preventDefault();
        }}
        onClick={(e) => {
          // A click on the backdrop lands on the <dialog> element itself.
          if (e.target === dialogRef.current && !pending) dialogRef.current.close();
        }}
        className="m-auto w-full max-w-md rounded-xl border border-zinc-200 bg-white p-0 text-left shadow-2xl shadow-zinc-900/20"
      >
        <form onSubmit={onSubmit} noValidate aria-describedby={errors.form ? ids.form : undefined}>
          <div className="space-y-5 p-6">
            <div>
              <h2 id={ids.title} className="text-base font-semibold text-zinc-950">
                {t('Restock {name}', { name: prize.name })}
              </h2>
              <p id={ids.body} className="mt-1.5 text-sm leading-6 text-zinc-600">
                {t(
                  '{count} units are free now. A positive number adds units to the free pool; a negative one takes free units away. Units held by activities are not touched.',
                  { count: prize.available },
                )}
              </p>
            </div>
            {errors.form ? (
              <p id={ids.form} role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
                {errors.form}
              </p>
            ) : null}
            <div>
              <label htmlFor={ids.quantity} className="block text-sm font-medium text-zinc-800">
                {t('Quantity')}
              </label>
              <input
                id={ids.quantity}
                name="quantity"
                type="text"
                inputMode="numeric"
                autoComplete="off"
                autoFocus
                value={quantity}
                onChange={(e) => {
                  setQuantity(e.target.value);
                  // A corrected field drops its error; the next submit judges it again.
                  setErrors((all) => ({ ...all, quantity: undefined, form: undefined }));
                }}
                placeholder={t('e.g. 25 or -10')}
                aria-invalid={errors.quantity ? true : undefined}
                aria-describedby={ids.quantityHint}
                readOnly={pending}
                className={`mt-1.5 tabular-nums ${inputClasses}`}
              />
              {errors.quantity ? (
                <p id={ids.quantityHint} className="mt-1.5 text-sm text-red-700">
                  {errors.quantity}
                </p>
              ) : (
                <p id={ids.quantityHint} className="mt-1.5 text-xs text-zinc-500" aria-live="polite">
                  {availableAfter === null
                    ? t('Units to add (or, negative, to take away).')
                    : t('Available after: {count}', { count: availableAfter })}
                </p>
              )}
            </div>
            <div>
              <label htmlFor={ids.reason} className="block text-sm font-medium text-zinc-800">
                {t('Reason')}
              </label>
              <input
                id={ids.reason}
                name="reason"
                type="text"
                autoComplete="off"
                maxLength={REASON_MAX}
                value={reason}
                onChange={(e) => {
                  setReason(e.target.value);
                  setErrors((all) => ({ ...all, reason: undefined, form: undefined }));
                }}
                placeholder={t('e.g. Supplier delivery #4411')}
                aria-invalid={errors.reason ? true : undefined}
                aria-describedby={ids.reasonHint}
                readOnly={pending}
                className={`mt-1.5 ${inputClasses}`}
              />
              {errors.reason ? (
                <p id={ids.reasonHint} className="mt-1.5 text-sm text-red-700">
                  {errors.reason}
                </p>
              ) : (
                <p id={ids.reasonHint} className="mt-1.5 text-xs text-zinc-500">
                  {t("Shown in the prize's stock ledger and the audit log.")}
                </p>
              )}
            </div>
          </div>
          <div className="flex justify-end gap-2 rounded-b-xl border-t border-zinc-200 bg-zinc-50 px-6 py-4">
            <button
              type="button"
              onClick={() => dialogRef.current?.close()}
              disabled={pending}
              className={buttonClasses('secondary')}
            >
              {t('Cancel')}
            </button>
            <button type="submit" disabled={pending} aria-busy={pending} className={buttonClasses('primary')}>
              {pending ? <Spinner /> : null}
              {pending ? t('Saving…') : t('Update stock')}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}

'use client';

// The reset link's page: a new password, typed twice, with the same rules as an invitation's.
// Then the operator signs in with it (and their two-factor code, when it is on).
import Link from 'next/link';
import { useId, useState, useTransition, type FormEvent, type ReactNode } from 'react';
import type { ActionResult } from '@/lib/http/action-result';
import { buttonClasses } from '@/components/ui/button-classes';
import { inputClasses } from '@/components/ui/dialog';
import { Spinner } from '@/components/ui/spinner';
import { useT } from '../i18n';

type Errors = { password?: string; confirm?: string; form?: string };

export function ResetPasswordForm({
  email,
  passwordMin,
  reset,
}: {
  email: string;
  passwordMin: number;
  reset: (password: string) => Promise<ActionResult<{ email: string }>>;
}) {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [done, setDone] = useState(false);
  const [pending, startTransition] = useTransition();
  const t = useT();
  const id = useId();

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const found: Errors = {};
    if (password.length < passwordMin) found.password = t('Use at least {count} characters.', { count: passwordMin });
    else if (confirm !== password) found.confirm = t('The two passwords differ.');
    setErrors(found);
    const first = (['password', 'confirm'] as const).find((k) => found[k]);
    if (first) {
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    startTransition(async () => {
      const result = await reset(password).catch(() => null);
      if (result?.ok) setDone(true);
      else setErrors({ form: result ? result.error.message : t('Could not reach the server. Try again.') });
    });
  }

  if (done)
    return (
      <div className="space-y-4 text-sm leading-6 text-zinc-600" role="status" data-testid="reset-done">
        <p>
          {t(
            'Your password is changed. Every session signed in before, on any device, is signed out. Sign in with the new password.',
          )}
        </p>
        <Link href="/signin" className={buttonClasses('primary', 'md', 'w-full')}>
          {t('Go to sign in')}
        </Link>
      </div>
    );

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5" aria-label={t('Choose a new password')}>
      {errors.form ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2.5 text-sm text-red-800">
          {errors.form}
        </p>
      ) : null}
      {/* For password managers: the account whose password this is. */}
      <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
      <Field
        id={`${id}-password`}
        label={t('New password')}
        error={errors.password}
        hint={t('At least {count} characters.', { count: passwordMin })}
      >
        <input
          id={`${id}-password`}
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="new-password"
          autoFocus
          maxLength={200}
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={`${id}-password-note`}
          readOnly={pending}
          className={`mt-1.5 ${inputClasses}`}
        />
      </Field>
      <Field id={`${id}-confirm`} label={t('New password again')} error={errors.confirm}>
        <input
          id={`${id}-confirm`}
          type="password"
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          autoComplete="new-password"
          maxLength={200}
          aria-invalid={errors.confirm ? true : undefined}
          aria-describedby={errors.confirm ? `${id}-confirm-note` : undefined}
          readOnly={pending}
          className={`mt-1.5 ${inputClasses}`}
        />
      </Field>
      <button
        type="submit"
        disabled={pending}
        aria-busy={pending}
        className={buttonClasses('primary', 'md', 'h-10 w-full')}
      >
        {pending ? <Spinner /> : null}
        {pending ? t('Saving…') : t('Set new password')}
      </button>
    </form>
  );
}

function Field({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-zinc-800">
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${id}-note`} className="mt-1.5 text-sm text-red-700">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-note`} className="mt-1.5 text-xs text-zinc-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

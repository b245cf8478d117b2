'use client';

// The invitation's set-password form. A new operator names themselves and chooses a password;
// someone who already has an account confirms their current one. Then they are signed in.
import { signIn } from 'next-auth/react';
import { useId, useState, useTransition, type FormEvent, type ReactNode } from 'react';
import type { ActionResult } from '@/lib/http/action-result';
import type { Role } from '@/lib/auth/console-guard';
import type { AcceptInvitation } from '@/lib/tenancy/member-schemas';
import { buttonClasses } from '@/components/ui/button-classes';
import { Spinner } from '@/components/ui/spinner';
import { useT } from '../i18n';

const inputClasses =
  'block h-10 w-full rounded-md border border-zinc-300 bg-white px-3 text-sm text-zinc-900 shadow-sm placeholder:text-zinc-500 ' +
  'focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none aria-invalid:border-red-400 read-only:bg-zinc-50';

type Errors = { name?: string; password?: string; confirm?: string; form?: string };

export function AcceptInvitationForm({
  email,
  hasAccount,
  passwordMin,
  acceptAction,
}: {
  email: string;
  hasAccount: boolean;
  passwordMin: number;
  acceptAction: (input: AcceptInvitation) => Promise<ActionResult<{ email: string; tenantSlug: string; role: Role }>>;
}) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [pending, startTransition] = useTransition();
  const t = useT();
  const id = useId();

  function validate(): Errors {
    const found: Errors = {};
    if (hasAccount) {
      if (!password) found.password = t('Enter your current password.');
      return found;
    }
    if (!name.trim()) found.name = t('Enter your name, as colleagues will see it.');
    if (password.length < passwordMin) found.password = t('Use at least {count} characters.', { count: passwordMin });
    else if (confirm !== password) found.confirm = t('The two passwords differ.');
    return found;
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const found = validate();
    setErrors(found);
    const first = (['name', 'password', 'confirm'] as const).find((k) => found[k]);
    if (first) {
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    startTransition(async () => {
      const result = await acceptAction(
        hasAccount ? { kind: 'existing', password } : { kind: 'new', name: name.trim(), password },
      );
      if (!result.ok) {
        setErrors(
          result.error.code === 'UNAUTHORIZED'
            ? { password: t('Wrong password for this account.') }
            : { form: result.error.message },
        );
        return;
      }
      const signedIn = await signIn('credentials', { email, password, redirect: false });
      // A full navigation so every server component reads the new session cookie.
      window.location.assign(signedIn?.ok ? `/t/${result.data.tenantSlug}` : '/signin');
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5" aria-label={t('Accept the invitation')}>
      {errors.form ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2.5 text-sm text-red-800">
          {errors.form}
        </p>
      ) : null}
      <div>
        <label htmlFor={`${id}-email`} className="block text-sm font-medium text-zinc-800">
          {t('Email')}
        </label>
        <input
          id={`${id}-email`}
          type="email"
          value={email}
          readOnly
          autoComplete="username"
          className={`mt-1.5 ${inputClasses}`}
        />
      </div>
      {hasAccount ? (
        <p className="text-sm text-zinc-600">
          {t('You already have a console account. Confirm it with your current password to join.')}
        </p>
      ) : (
        <Field id={`${id}-name`} label={t('Your name')} error={errors.name}>
          <input
            id={`${id}-name`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoComplete="name"
            autoFocus
            maxLength={80}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={`${id}-name-hint`}
            readOnly={pending}
            className={`mt-1.5 ${inputClasses}`}
          />
        </Field>
      )}
      <Field
        id={`${id}-password`}
        label={hasAccount ? t('Current password') : t('Choose a password')}
        error={errors.password}
        hint={hasAccount ? undefined : t('At least {count} characters.', { count: passwordMin })}
      >
        <input
          id={`${id}-password`}
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete={hasAccount ? 'current-password' : 'new-password'}
          autoFocus={hasAccount}
          maxLength={200}
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={`${id}-password-hint`}
          readOnly={pending}
          className={`mt-1.5 ${inputClasses}`}
        />
      </Field>
      {hasAccount ? null : (
        <Field id={`${id}-confirm`} label={t('Repeat the password')} error={errors.confirm}>
          <input
            id={`${id}-confirm`}
            type="password"
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
            autoComplete="new-password"
            maxLength={200}
            aria-invalid={errors.confirm ? true : undefined}
            aria-describedby={`${id}-confirm-hint`}
            readOnly={pending}
            className={`mt-1.5 ${inputClasses}`}
          />
        </Field>
      )}
      <button
        type="submit"
        disabled={pending}
        aria-busy={pending}
        className={buttonClasses('primary', 'md', 'h-10 w-full')}
      >
        {pending ? <Spinner /> : null}
        {pending ? t('Joining…') : hasAccount ? t('Join') : t('Set password and join')}
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
        <p id={`${id}-hint`} className="mt-1.5 text-sm text-red-700">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="mt-1.5 text-xs text-zinc-500">
          {hint}
        </p>
      ) : (
        <span id={`${id}-hint`} hidden />
      )}
    </div>
  );
}

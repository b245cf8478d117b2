'use client';

// "Forgot password?": asks for a reset link by email. The answer is the same whether or not the
// address has an account, so the page never says which.
import Link from 'next/link';
import { useId, useState, useTransition, type FormEvent } from 'react';
import type { ActionResult } from '@/lib/http/action-result';
import { buttonClasses } from '@/components/ui/button-classes';
import { inputClasses } from '@/components/ui/dialog';
import { Spinner } from '@/components/ui/spinner';
import { useT } from '../i18n';
import { richText } from '../rich-text';

/** An example, written the same in every language. */
const EXAMPLE_EMAIL = 'you@company.com';

export function ResetRequestForm({ request }: { request: (email: string) => Promise<ActionResult<{ sent: true }>> }) {
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const t = useT();
  const id = useId();

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const trimmed = email.trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed)) {
      setError(t('Enter the email address you sign in with.'));
      document.getElementById(`${id}-email`)?.focus();
      return;
    }
    setError(null);
    startTransition(async () => {
      const result = await request(trimmed).catch(() => null);
      if (result?.ok) setSentTo(trimmed);
      else if (result?.error.code === 'RATE_LIMITED')
        setError(t('Too many reset requests for this address or from your network. Try again in 15 minutes.'));
      else setError(result ? result.error.message : t('Could not reach the server. Try again.'));
    });
  }

  if (sentTo)
    return (
      <div className="space-y-4 text-sm leading-6 text-zinc-600" role="status" data-testid="reset-requested">
        <p>
          {richText(
            t(
              'If {email} has a console account, a link to choose a new password is on its way. It works once, for 30 minutes; asking again replaces it.',
            ),
            { email: <span className="font-medium text-zinc-900">{sentTo}</span> },
          )}
        </p>
        <Link href="/signin" className={buttonClasses('secondary', 'md', 'w-full')}>
          {t('Back to sign in')}
        </Link>
      </div>
    );

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5" aria-label={t('Ask for a reset link')}>
      <div>
        <label htmlFor={`${id}-email`} className="block text-sm font-medium text-zinc-800">
          {t('Email')}
        </label>
        <input
          id={`${id}-email`}
          type="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          autoComplete="username"
          inputMode="email"
          autoFocus
          maxLength={200}
          placeholder={EXAMPLE_EMAIL}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          readOnly={pending}
          className={`mt-1.5 ${inputClasses}`}
        />
        {error ? (
          <p id={`${id}-error`} role="alert" className="mt-1.5 text-sm text-red-700">
            {error}
          </p>
        ) : null}
      </div>
      <button
        type="submit"
        disabled={pending}
        aria-busy={pending}
        className={buttonClasses('primary', 'md', 'h-10 w-full')}
      >
        {pending ? <Spinner /> : null}
        {pending ? t('Sending…') : t('Send reset link')}
      </button>
      <p className="text-center text-sm">
        <Link href="/signin" className="font-medium text-indigo-700 hover:underline">
          {t('Back to sign in')}
        </Link>
      </p>
    </form>
  );
}

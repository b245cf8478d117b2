'use client';

// The console's sign-in: email and password, then, for an operator with two-factor on, a second
// step asking for the code (the password is kept in this form's memory and sent again with it).
import Link from 'next/link';
import { signIn } from 'next-auth/react';
import { useId, useRef, useState, type FormEvent } from 'react';
import { buttonClasses } from '@/components/ui/button-classes';
import { Spinner } from '@/components/ui/spinner';
import { useT } from './i18n';
import { richText } from './rich-text';
import { signInErrorMessage } from './sign-in-errors';

/** Examples, written the same in every language. */
const EXAMPLE_CODE = '123456';
const EXAMPLE_EMAIL = 'you@company.com';

const inputClasses =
  'block h-10 w-full rounded-md border border-zinc-300 bg-white px-3 text-sm text-zinc-900 shadow-sm placeholder:text-zinc-500 ' +
  'focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none aria-invalid:border-red-400 disabled:bg-zinc-50';

export function SignInForm(props: { callbackPath: string; initialError?: string | null }) {
  const { callbackPath, initialError = null } = props;
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(initialError);
  // Set once the password was right and a code is due.
  const [firstStep, setFirstStep] = useState<{ email: string; password: string } | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const emailId = useId();
  const passwordId = useId();
  const codeId = useId();
  const errorId = useId();
  const t = useT();

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const email = firstStep?.email ?? String(form.get('email') ?? '').trim();
    const password = firstStep?.password ?? String(form.get('password') ?? '');
    const code = firstStep ? String(form.get('code') ?? '').trim() : '';
    if (!email || !password) {
      setError(t('Enter your email and password.'));
      return;
    }
    if (firstStep && !code) {
      setError(t('Enter the code from your authenticator app.'));
      codeRef.current?.focus();
      return;
    }
    setPending(true);
    setError(null);
    try {
      const result = await signIn('credentials', { email, password, ...(code ? { code } : {}), redirect: false });
      if (result?.error === 'TwoFactorRequired') {
        setFirstStep({ email, password });
        setPending(false);
        return;
      }
      if (!result || result.error || !result.ok) {
        setError(t(signInErrorMessage(result?.error ?? '', result?.status)));
        setPending(false);
        if (firstStep && result?.error === 'TwoFactorInvalid') {
          if (codeRef.current) {
            codeRef.current.value = '';
            codeRef.current.focus();
          }
        } else {
          setFirstStep(null);
          emailRef.current?.focus();
        }
        return;
      }
      // A full navigation so every server component reads the new session cookie.
      window.location.assign(callbackPath);
    } catch {
      setError(t('Could not reach the server. Check your connection and try again.'));
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5" aria-describedby={error ? errorId : undefined}>
      {error ? (
        <div
          id={errorId}
          role="alert"
          data-testid="signin-error"
          className="flex items-start gap-2.5 rounded-md border border-red-200 bg-red-50 px-3 py-2.5 text-sm text-red-800"
        >
          <svg viewBox="0 0 20 20" className="mt-0.5 size-4 shrink-0 text-red-600" fill="currentColor" aria-hidden>
            <path
              fillRule="evenodd"
              d="M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm-.75-11.5a.75.75 0 0 1 1.5 0v4a.75.75 0 0 1-1.5 0v-4ZM10 15a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
              clipRule="evenodd"
            />
          </svg>
          <span>{error}</span>
        </div>
      ) : null}
      {firstStep ? (
        <div>
          <p className="text-sm text-zinc-600">
            {richText(t('Two-factor sign-in is on for {email}.'), {
              email: <span className="font-medium text-zinc-900">{firstStep.email}</span>,
            })}
          </p>
          <label htmlFor={codeId} className="mt-4 block text-sm font-medium text-zinc-800">
            {t('Authentication code')}
          </label>
          <input
            ref={codeRef}
            id={codeId}
            name="code"
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            autoFocus
            maxLength={40}
            placeholder={EXAMPLE_CODE}
            aria-describedby={`${codeId}-hint`}
            aria-invalid={error ? true : undefined}
            readOnly={pending}
            className={`mt-1.5 font-mono tracking-widest ${inputClasses}`}
          />
          <p id={`${codeId}-hint`} className="mt-1.5 text-xs text-zinc-500">
            {t('The 6-digit code from your authenticator app, or one of your recovery codes.')}
          </p>
        </div>
      ) : (
        <>
          <div>
            <label htmlFor={emailId} className="block text-sm font-medium text-zinc-800">
              {t('Email')}
            </label>
            <input
              ref={emailRef}
              id={emailId}
              name="email"
              type="email"
              autoComplete="username"
              inputMode="email"
              required
              autoFocus
              placeholder={EXAMPLE_EMAIL}
              aria-invalid={error ? true : undefined}
              readOnly={pending}
              className={`mt-1.5 ${inputClasses}`}
            />
          </div>
          <div>
            <label htmlFor={passwordId} className="block text-sm font-medium text-zinc-800">
              {t('Password')}
            </label>
            <input
              id={passwordId}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              aria-invalid={error ? true : undefined}
              readOnly={pending}
              className={`mt-1.5 ${inputClasses}`}
            />
          </div>
        </>
      )}
      <button
        type="submit"
        disabled={pending}
        aria-busy={pending}
        className={buttonClasses('primary', 'md', 'h-10 w-full')}
      >
        {pending ? <Spinner /> : null}
        {pending ? t('Signing in…') : firstStep ? t('Verify') : t('Sign in')}
      </button>
      {firstStep ? (
        <button
          type="button"
          onClick={() => {
            setFirstStep(null);
            setError(null);
          }}
          className={buttonClasses('ghost', 'md', 'w-full')}
        >
          {t('Back')}
        </button>
      ) : (
        <p className="text-center text-sm">
          <Link href="/reset" className="font-medium text-indigo-700 hover:underline">
            {t('Forgot password?')}
          </Link>
        </p>
      )}
    </form>
  );
}

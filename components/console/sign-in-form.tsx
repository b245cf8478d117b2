'use client';

import { signIn } from 'next-auth/react';
import { useId, useRef, useState, type FormEvent } from 'react';
import { buttonClasses } from '@/components/ui/button-classes';
import { Spinner } from '@/components/ui/spinner';
import { signInErrorMessage } from './sign-in-errors';

const inputClasses =
  'block h-10 w-full rounded-md border border-zinc-300 bg-white px-3 text-sm text-zinc-900 shadow-sm placeholder:text-zinc-500 ' +
  'focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none aria-invalid:border-red-400 disabled:bg-zinc-50';

export function SignInForm(props: { callbackPath: string; initialError?: string | null }) {
  const { callbackPath, initialError = null } = props;
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(initialError);
  const emailRef = useRef<HTMLInputElement>(null);
  const emailId = useId();
  const passwordId = useId();
  const errorId = useId();

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (!email || !password) {
      setError('Enter your email and password.');
      return;
    }
    setPending(true);
    setError(null);
    try {
      const result = await signIn('credentials', { email, password, redirect: false });
      if (!result || result.error || !result.ok) {
        setError(signInErrorMessage(result?.error ?? '', result?.status));
        setPending(false);
        emailRef.current?.focus();
        return;
      }
      // A full navigation so every server component reads the new session cookie.
      window.location.assign(callbackPath);
    } catch {
      setError('Could not reach the server. Check your connection and try again.');
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
      <div>
        <label htmlFor={emailId} className="block text-sm font-medium text-zinc-800">
          Email
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
          placeholder="you@company.com"
          aria-invalid={error ? true : undefined}
          readOnly={pending}
          className={`mt-1.5 ${inputClasses}`}
        />
      </div>
      <div>
        <label htmlFor={passwordId} className="block text-sm font-medium text-zinc-800">
          Password
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
      <button
        type="submit"
        disabled={pending}
        aria-busy={pending}
        className={buttonClasses('primary', 'md', 'h-10 w-full')}
      >
        {pending ? <Spinner /> : null}
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}

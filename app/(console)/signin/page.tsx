import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { safeCallbackPath } from '@/lib/auth/safe-callback-path';
import { getConsoleT } from '@/components/console/i18n-server';
import { LogoMark } from '@/components/console/icons';
import { LocaleSwitcher } from '@/components/console/locale-switcher';
import { signInErrorMessage } from '@/components/console/sign-in-errors';
import { SignInForm } from '@/components/console/sign-in-form';
import { currentOperatorId } from '../_server/session';
import { setConsoleLocaleAction } from '../locale-actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getConsoleT();
  return { title: t('Sign in') };
}

// GET /signin – the console's sign-in; ?callbackUrl= (own paths only), ?error= from next-auth
type SignInParams = { callbackUrl?: string | string[]; error?: string | string[] };

export default async function SignInPage({ searchParams }: { searchParams: Promise<SignInParams> }) {
  const { callbackUrl, error } = await searchParams;
  const next = safeCallbackPath(typeof callbackUrl === 'string' ? callbackUrl : undefined);
  if (await currentOperatorId()) redirect(next);
  const t = await getConsoleT();

  return (
    <div className="relative flex min-h-screen flex-col items-center justify-center overflow-hidden bg-zinc-50 px-6 py-12">
      <div
        aria-hidden
        className="pointer-events-none absolute inset-x-0 top-0 h-96 bg-[radial-gradient(ellipse_at_top,var(--color-indigo-100),transparent_70%)]"
      />
      <div className="absolute top-4 right-6">
        <LocaleSwitcher setLocaleAction={setConsoleLocaleAction} />
      </div>
      <main className="relative w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center text-center">
          <LogoMark className="size-11" />
          <h1 className="mt-5 text-2xl font-semibold tracking-tight text-zinc-950">
            {t('Sign in to Lottery Console')}
          </h1>
          <p className="mt-2 text-sm text-zinc-600">{t('Manage draw campaigns, prizes and winners.')}</p>
        </div>
        <div className="rounded-xl border border-zinc-200 bg-white p-8 shadow-sm shadow-zinc-900/5">
          <SignInForm
            callbackPath={next}
            initialError={typeof error === 'string' ? t(signInErrorMessage(error)) : null}
          />
        </div>
        <p className="mt-6 text-center text-xs leading-5 text-zinc-500">
          {t('Access is by invitation from a tenant owner.')}
        </p>
      </main>
    </div>
  );
}

import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { listOperatorTenants } from '@/lib/auth/console-guard';
import { getConsoleT } from '@/components/console/i18n-server';
import { LogoMark } from '@/components/console/icons';
import { SignOutButton } from '@/components/console/sign-out-button';
import { currentOperatorId } from './_server/session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getConsoleT();
  return { title: t('Lottery Console') };
}

// GET / – the console's front door: the first tenant's activities, or sign-in.
export default async function Home() {
  const operatorId = await currentOperatorId();
  if (!operatorId) redirect('/signin');
  const [first] = await listOperatorTenants(operatorId);
  if (first) redirect(`/t/${first.slug}/activities`);
  const t = await getConsoleT();

  return (
    <main className="flex min-h-screen items-center justify-center px-6">
      <div className="w-full max-w-md rounded-xl border border-zinc-200 bg-white p-8 text-center shadow-sm">
        <LogoMark className="mx-auto size-10" />
        <h1 className="mt-5 text-lg font-semibold text-zinc-950">{t('You are not a member of any tenant yet')}</h1>
        <p className="mt-2 text-sm leading-6 text-zinc-600">
          {t(
            'Your account works, but no tenant has given you a role. Ask an owner of the tenant you work on to invite you, then sign in again.',
          )}
        </p>
        <div className="mt-6 flex justify-center">
          <SignOutButton />
        </div>
      </div>
    </main>
  );
}

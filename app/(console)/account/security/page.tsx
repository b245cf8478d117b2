import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { renderSVG } from 'uqr';
import { listOperatorTenants } from '@/lib/auth/console-guard';
import { getTwoFactorStatus } from '@/lib/auth/enrol-two-factor';
import { getConsoleT } from '@/components/console/i18n-server';
import { LogoMark } from '@/components/console/icons';
import { richText } from '@/components/console/rich-text';
import { SignOutButton } from '@/components/console/sign-out-button';
import { TwoFactorPanel } from '@/components/console/account/two-factor-panel';
import { currentOperatorId } from '../../_server/session';
import { confirmTwoFactorAction, disableTwoFactorAction, startTwoFactorAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getConsoleT();
  return { title: t('Account security') };
}

// GET /account/security – the signed-in operator's two-factor sign-in; ?required=<tenant slug> when
// that tenant requires it of its owners and sent them here
export default async function AccountSecurityPage({
  searchParams,
}: {
  searchParams: Promise<{ required?: string | string[] }>;
}) {
  const operatorId = await currentOperatorId();
  if (!operatorId) redirect('/signin?callbackUrl=/account/security');
  const [{ required }, status, tenants, t] = await Promise.all([
    searchParams,
    getTwoFactorStatus(operatorId),
    listOperatorTenants(operatorId),
    getConsoleT(),
  ]);
  // Only a tenant this operator owns names the requirement; anything else is ignored.
  const requiredBy = tenants.find((m) => m.slug === required && m.role === 'OWNER') ?? null;
  const back = requiredBy ? `/t/${requiredBy.slug}` : tenants[0] ? `/t/${tenants[0].slug}` : '/';

  return (
    <div className="min-h-screen bg-zinc-50">
      <header className="flex h-14 items-center justify-between border-b border-zinc-200 bg-white px-8">
        <Link
          href={back}
          className="flex items-center gap-2.5 rounded-md focus-visible:outline-2 focus-visible:outline-indigo-500"
        >
          <LogoMark className="size-7" />
          <span className="text-sm font-semibold tracking-tight text-zinc-950">
            {t('Lottery')} <span className="font-normal text-zinc-500">{t('Console')}</span>
          </span>
        </Link>
        <div className="flex items-center gap-4 text-sm text-zinc-600">
          <span data-testid="operator-email">{status.email}</span>
          <SignOutButton />
        </div>
      </header>
      <main id="main" className="mx-auto max-w-3xl space-y-6 px-6 py-10">
        <div>
          {status.enabled || !requiredBy ? (
            <Link href={back} className="text-sm font-medium text-indigo-700 hover:underline">
              {t('← Back to the console')}
            </Link>
          ) : null}
          <h1 className="mt-2 text-2xl font-semibold tracking-tight text-zinc-950">{t('Account security')}</h1>
          <p className="mt-1 text-sm text-zinc-600">{t('How you sign in to the Lottery Console, in every tenant.')}</p>
        </div>
        {requiredBy && !status.enabled ? (
          <div
            role="status"
            data-testid="two-factor-required"
            className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
          >
            {richText(t('{tenant} requires owners to use two-factor sign-in. Set it up to continue to its console.'), {
              tenant: <span className="font-medium">{requiredBy.name}</span>,
            })}
          </div>
        ) : null}
        <section
          aria-labelledby="two-factor-heading"
          className="rounded-xl border border-zinc-200 bg-white p-6 shadow-sm shadow-zinc-900/5"
        >
          <h2 id="two-factor-heading" className="text-base font-semibold text-zinc-950">
            {t('Two-factor sign-in')}
          </h2>
          <div className="mt-4">
            <TwoFactorPanel
              status={status}
              qrSvg={status.pending ? renderSVG(status.pending.uri, { border: 1 }) : null}
              actions={{
                start: startTwoFactorAction,
                confirm: confirmTwoFactorAction,
                disable: disableTwoFactorAction,
              }}
              continueTo={requiredBy ? `/t/${requiredBy.slug}` : null}
            />
          </div>
        </section>
        <section
          aria-labelledby="password-heading"
          className="rounded-xl border border-zinc-200 bg-white p-6 shadow-sm shadow-zinc-900/5"
        >
          <h2 id="password-heading" className="text-base font-semibold text-zinc-950">
            {t('Password')}
          </h2>
          <p className="mt-2 text-sm leading-6 text-zinc-600">
            {t(
              'To change it, ask for a reset link: it is mailed to {email} and works once, for 30 minutes. Setting a new password signs out all your sessions, this one too.',
              { email: status.email },
            )}
          </p>
          <Link href="/reset" className={`mt-4 inline-flex text-sm font-medium text-indigo-700 hover:underline`}>
            {t('Mail me a reset link')}
          </Link>
        </section>
      </main>
    </div>
  );
}

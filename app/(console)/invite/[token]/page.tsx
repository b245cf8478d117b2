import type { Metadata } from 'next';
import Link from 'next/link';
import { getInvitation } from '@/lib/tenancy/accept-invitation';
import { PASSWORD_MIN } from '@/lib/tenancy/member-schemas';
import { buttonClasses } from '@/components/ui/button-classes';
import { getConsoleT } from '@/components/console/i18n-server';
import { LogoMark } from '@/components/console/icons';
import { richText } from '@/components/console/rich-text';
import { roleLabel } from '@/components/console/role-labels';
import { AcceptInvitationForm } from '@/components/console/settings/accept-invitation-form';
import { acceptInvitationAction } from './actions';

// The token is in the path: never send it on as a Referer.
export async function generateMetadata(): Promise<Metadata> {
  const t = await getConsoleT();
  return { title: t('Join a tenant'), referrer: 'no-referrer' };
}

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invitation, t] = await Promise.all([getInvitation(token), getConsoleT()]);

  return (
    <div className="relative flex min-h-screen flex-col items-center justify-center overflow-hidden bg-zinc-50 px-6 py-12">
      <div
        aria-hidden
        className="pointer-events-none absolute inset-x-0 top-0 h-96 bg-[radial-gradient(ellipse_at_top,var(--color-indigo-100),transparent_70%)]"
      />
      <main className="relative w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center text-center">
          <LogoMark className="size-11" />
          {invitation ? (
            <>
              <h1 className="mt-5 text-2xl font-semibold tracking-tight text-zinc-950">
                {t('Join {tenant}', { tenant: invitation.tenantName })}
              </h1>
              <p className="mt-2 text-sm text-zinc-600">
                {richText(t('You are invited as an {role} of the Lottery Console.'), {
                  role: <span className="font-medium text-zinc-900">{t(roleLabel(invitation.role))}</span>,
                })}
              </p>
            </>
          ) : (
            <h1 className="mt-5 text-2xl font-semibold tracking-tight text-zinc-950">
              {t('This invitation cannot be used')}
            </h1>
          )}
        </div>
        <div className="rounded-xl border border-zinc-200 bg-white p-8 shadow-sm shadow-zinc-900/5">
          {invitation ? (
            <AcceptInvitationForm
              email={invitation.email}
              hasAccount={invitation.hasAccount}
              passwordMin={PASSWORD_MIN}
              acceptAction={acceptInvitationAction.bind(null, token)}
            />
          ) : (
            <div className="space-y-4 text-sm leading-6 text-zinc-600" data-testid="invitation-unusable">
              <p>{t('The link is wrong, has already been used, or has expired (links work once, for 72 hours).')}</p>
              <p>{t('Ask an owner of the tenant to invite you again.')}</p>
              <Link href="/signin" className={buttonClasses('secondary', 'md', 'w-full')}>
                {t('Go to sign in')}
              </Link>
            </div>
          )}
        </div>
      </main>
    </div>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { PASSWORD_MIN } from '@/lib/auth/password-rules';
import { ResetToken } from '@/lib/auth/password-reset-schemas';
import { getPasswordResetLink } from '@/lib/auth/reset-password';
import { buttonClasses } from '@/components/ui/button-classes';
import { AuthCard } from '@/components/console/account/auth-card';
import { getConsoleT } from '@/components/console/i18n-server';
import { richText } from '@/components/console/rich-text';
import { ResetPasswordForm } from '@/components/console/account/reset-password-form';
import { resetPasswordAction } from '../actions';

// The token is in the path: never send it on as a Referer.
export async function generateMetadata(): Promise<Metadata> {
  const t = await getConsoleT();
  return { title: t('Choose a new password'), referrer: 'no-referrer' };
}

// GET /reset/{token} – a reset link: a new password while the link works
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getConsoleT();
  const link = ResetToken.safeParse(token).success ? await getPasswordResetLink(token) : null;

  if (!link)
    return (
      <AuthCard title={t('This link cannot be used')}>
        <div className="space-y-4 text-sm leading-6 text-zinc-600" data-testid="reset-unusable">
          <p>
            {t(
              'The link is wrong, has already been used, was replaced by a newer one, or has expired (links work once, for 30 minutes).',
            )}
          </p>
          <Link href="/reset" className={buttonClasses('primary', 'md', 'w-full')}>
            {t('Ask for a new link')}
          </Link>
        </div>
      </AuthCard>
    );

  return (
    <AuthCard
      title={t('Choose a new password')}
      description={richText(t('For {email}'), {
        email: <span className="font-medium text-zinc-900">{link.email}</span>,
      })}
    >
      <ResetPasswordForm email={link.email} passwordMin={PASSWORD_MIN} reset={resetPasswordAction.bind(null, token)} />
    </AuthCard>
  );
}

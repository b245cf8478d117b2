import type { Metadata } from 'next';
import { AuthCard } from '@/components/console/account/auth-card';
import { ResetRequestForm } from '@/components/console/account/reset-request-form';
import { getConsoleT } from '@/components/console/i18n-server';
import { requestPasswordResetAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getConsoleT();
  return { title: t('Reset your password') };
}

// GET /reset – "Forgot password?": a one-time link by email
export default async function ResetRequestPage() {
  const t = await getConsoleT();
  return (
    <AuthCard
      title={t('Reset your password')}
      description={t('Enter the email you sign in with. We mail you a link to choose a new password.')}
    >
      <ResetRequestForm request={requestPasswordResetAction} />
    </AuthCard>
  );
}

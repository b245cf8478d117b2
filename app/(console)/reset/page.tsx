import type { Metadata } from 'next';
import { AuthCard } from '@/components/console/account/auth-card';
import { ResetRequestForm } from '@/components/console/account/reset-request-form';
import { requestPasswordResetAction } from './actions';

export const metadata: Metadata = { title: 'Reset your password' };

// GET /reset – "Forgot password?": a one-time link by email
export default function ResetRequestPage() {
  return (
    <AuthCard
      title="Reset your password"
      description="Enter the email you sign in with. We mail you a link to choose a new password."
    >
      <ResetRequestForm request={requestPasswordResetAction} />
    </AuthCard>
  );
}

// Shared by the sign-in page (an error next-auth redirected with) and its form (an error signIn() returned).
import { msg } from '@/lib/i18n/console/translator';

/**
 * What a next-auth error code means to the person signing in (a fixed text, shown with `t(...)`;
 * the code is never shown).
 */
export function signInErrorMessage(code: string, status?: number): string {
  if (code === 'TooManyAttempts')
    return msg(
      'Too many failed sign-ins for this account or from your network. Wait up to 15 minutes, then try again.',
    );
  if (code === 'SignInBusy') return msg('Too many people are signing in right now. Try again in a moment.');
  if (code === 'TwoFactorInvalid')
    return msg('That code is wrong or was already used. Enter the current code from your app, or a recovery code.');
  if (code === 'TwoFactorRequired') return msg('Enter the code from your authenticator app.');
  if (code === 'CredentialsSignin' || status === 401) return msg('Wrong email or password');
  return msg('Sign-in failed. Try again in a moment.');
}

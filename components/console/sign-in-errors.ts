// Shared by the sign-in page (an error next-auth redirected with) and its form (an error signIn() returned).
/** What a next-auth error code means to the person signing in (a fixed text; the code is never shown). */
export function signInErrorMessage(code: string, status?: number): string {
  if (code === 'TooManyAttempts')
    return 'Too many failed sign-ins for this account or from your network. Wait up to 15 minutes, then try again.';
  if (code === 'SignInBusy') return 'Too many people are signing in right now. Try again in a moment.';
  if (code === 'TwoFactorInvalid')
    return 'That code is wrong or was already used. Enter the current code from your app, or a recovery code.';
  if (code === 'TwoFactorRequired') return 'Enter the code from your authenticator app.';
  if (code === 'CredentialsSignin' || status === 401) return 'Wrong email or password';
  return 'Sign-in failed. Try again in a moment.';
}

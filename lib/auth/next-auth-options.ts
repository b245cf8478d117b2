// Console sign-in (next-auth v4, credentials). Sessions are signed JWT cookies carrying only
// the operator id and session epoch; roles are read from Membership on every request by the
// console guard, so a role change or removal takes effect at once, and a session older than the
// operator's last password reset is refused (lib/auth/session-epoch.ts). An operator with
// two-factor on signs in in two steps (lib/auth/authorize-sign-in.ts). Throttling and the record
// of failures sit around this, on the credentials endpoint (lib/http/guard-credentials-sign-in.ts).
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { config } from '../config';
import { AppError } from '../errors';
import { safeRedirectUrl } from './safe-callback-path';
import { SIGN_IN_BUSY } from './sign-in-throttle';
import { authorizeSignIn, SignInStepError, type SignedInOperator } from './authorize-sign-in';
import { isSessionEpochCurrent } from './session-epoch';

const Credentials = z.object({
  email: z.email().max(200),
  password: z.string().min(1).max(200),
  code: z.string().max(40).optional(),
});

export function nextAuthOptions(): NextAuthOptions {
  return {
    secret: config().AUTH_SECRET,
    session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
    // Errors land on the sign-in page, which says what they mean.
    pages: { signIn: '/signin', error: '/signin' },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: {
          email: { label: 'Email', type: 'email' },
          password: { label: 'Password', type: 'password' },
          code: { label: 'Two-factor code', type: 'text' },
        },
        async authorize(raw) {
          const parsed = Credentials.safeParse(raw);
          if (!parsed.success) return null;
          try {
            return await authorizeSignIn(parsed.data);
          } catch (err) {
            // Too many password checks at once (lib/auth/password.ts): next-auth passes the
            // message on as its error code.
            if (err instanceof AppError && err.code === 'RATE_LIMITED') throw new Error(SIGN_IN_BUSY);
            // The second step's codes travel the same way.
            if (err instanceof SignInStepError) throw new Error(err.code);
            throw err;
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.epoch = (user as Partial<SignedInOperator>).sessionEpoch ?? 0;
        }
        return token;
      },
      async session({ session, token }) {
        // A session signed before a password reset carries no operator id any more: signed out.
        const current = token.sub ? await isSessionEpochCurrent(token.sub, token.epoch) : false;
        if (session.user) (session.user as { id?: string }).id = current ? token.sub : undefined;
        return session;
      },
      // Only to the console's own paths, whatever callbackUrl said.
      redirect({ url, baseUrl }) {
        return safeRedirectUrl(url, baseUrl);
      },
    },
  };
}

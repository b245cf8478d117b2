// Console sign-in (next-auth v4, credentials). Sessions are signed JWT cookies carrying only
// the operator id; roles are read from Membership on every request by the console guard,
// so a role change or removal takes effect at once. Throttling and the record of failures sit
// around this, on the credentials endpoint (lib/http/guard-credentials-sign-in.ts).
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { config } from '../config';
import { AppError } from '../errors';
import { safeRedirectUrl } from './safe-callback-path';
import { SIGN_IN_BUSY } from './sign-in-throttle';
import { verifyOperatorCredentials } from './verify-operator';

const Credentials = z.object({ email: z.email().max(200), password: z.string().min(1).max(200) });

export function nextAuthOptions(): NextAuthOptions {
  return {
    secret: config().AUTH_SECRET,
    session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
    // Errors land on the sign-in page, which says what they mean.
    pages: { signIn: '/signin', error: '/signin' },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        async authorize(raw) {
          const parsed = Credentials.safeParse(raw);
          if (!parsed.success) return null;
          try {
            return await verifyOperatorCredentials(parsed.data.email, parsed.data.password);
          } catch (err) {
            // Too many password checks at once (lib/auth/password.ts): next-auth passes the
            // message on as its error code.
            if (err instanceof AppError && err.code === 'RATE_LIMITED') throw new Error(SIGN_IN_BUSY);
            throw err;
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.sub = user.id;
        return token;
      },
      session({ session, token }) {
        if (session.user) (session.user as { id?: string }).id = token.sub;
        return session;
      },
      // Only to the console's own paths, whatever callbackUrl said.
      redirect({ url, baseUrl }) {
        return safeRedirectUrl(url, baseUrl);
      },
    },
  };
}

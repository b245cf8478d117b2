// Console sign-in (next-auth v4, credentials). Sessions are signed JWT cookies carrying only
// the operator id; roles are read from Membership on every request by the console guard,
// so a role change or removal takes effect at once.
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { config } from '../config';
import { verifyOperatorCredentials } from './verify-operator';

const Credentials = z.object({ email: z.email().max(200), password: z.string().min(1).max(200) });

export function nextAuthOptions(): NextAuthOptions {
  return {
    secret: config().AUTH_SECRET,
    session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
    pages: { signIn: '/signin' },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        async authorize(raw) {
          const parsed = Credentials.safeParse(raw);
          if (!parsed.success) return null;
          return verifyOperatorCredentials(parsed.data.email, parsed.data.password);
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
    },
  };
}

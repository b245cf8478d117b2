// GET|POST /api/auth/* – next-auth (console operator sign-in)
import NextAuth from 'next-auth';
import { nextAuthOptions } from '@/lib/auth/next-auth-options';
import { otherMethods } from '@/lib/http/other-methods';

const handler = NextAuth(nextAuthOptions());
export { handler as GET, handler as POST };

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, PUT, PATCH, DELETE } = otherMethods({ GET: handler, POST: handler });

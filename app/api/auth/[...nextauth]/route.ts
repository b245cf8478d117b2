// GET|POST /api/auth/* – next-auth (console operator sign-in); the credentials callback is
// throttled and its failures recorded (lib/http/guard-credentials-sign-in.ts)
import NextAuth from 'next-auth';
import { nextAuthOptions } from '@/lib/auth/next-auth-options';
import { guardCredentialsSignIn } from '@/lib/http/guard-credentials-sign-in';
import { otherMethods } from '@/lib/http/other-methods';

type Context = { params: Promise<{ nextauth: string[] }> };
const handler = NextAuth(nextAuthOptions()) as (req: Request, ctx: Context) => Promise<Response>;

export const GET = handler;
export const POST = (req: Request, ctx: Context) => guardCredentialsSignIn(req, () => handler(req, ctx));

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, PUT, PATCH, DELETE } = otherMethods({ GET, POST });

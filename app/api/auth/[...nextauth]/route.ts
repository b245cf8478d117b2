// GET|POST /api/auth/* – next-auth (console operator sign-in); the credentials callback is
// throttled and its failures recorded (lib/http/guard-credentials-sign-in.ts)
import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { nextAuthOptions } from '@/lib/auth/next-auth-options';
import { guardCredentialsSignIn } from '@/lib/http/guard-credentials-sign-in';

type Context = { params: Promise<{ nextauth: string[] }> };
const handler = NextAuth(nextAuthOptions()) as (req: NextRequest, ctx: Context) => Promise<Response>;

export const GET = handler;
export const POST = (req: NextRequest, ctx: Context) => guardCredentialsSignIn(req, () => handler(req, ctx));

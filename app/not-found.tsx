import type { Metadata } from 'next';
import { buttonClasses } from '@/components/ui/button-classes';
import { LogoMark } from '@/components/console/icons';

export const metadata: Metadata = { title: 'Page not found' };

export default function NotFound() {
  return (
    <main className="flex min-h-screen items-center justify-center px-6">
      <div className="max-w-md text-center">
        <LogoMark className="mx-auto size-10" />
        <p className="mt-6 text-sm font-semibold text-indigo-600">404</p>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight text-zinc-950">Page not found</h1>
        <p className="mt-3 text-sm leading-6 text-zinc-600">
          This page does not exist, or it belongs to a tenant you are not a member of.
        </p>
        <div className="mt-8 flex justify-center">
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a plain link: this boundary is part of every page, the H5 play page included, and next/link would add its chunk to all of them */}
          <a href="/" className={buttonClasses('primary')}>
            Back to the console
          </a>
        </div>
      </div>
    </main>
  );
}

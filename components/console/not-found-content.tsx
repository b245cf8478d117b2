// The site's "page not found" (app/not-found.tsx), in the console's language: it is mostly
// reached from the console (an unknown tenant, activity or prize).
import { buttonClasses } from '@/components/ui/button-classes';
import { getConsoleT } from './i18n-server';
import { LogoMark } from './icons';

export async function notFoundTitle(): Promise<string> {
  const t = await getConsoleT();
  return t('Page not found');
}

export async function NotFoundContent() {
  const t = await getConsoleT();
  return (
    <main className="flex min-h-screen items-center justify-center px-6">
      <div className="max-w-md text-center">
        <LogoMark className="mx-auto size-10" />
        <p className="mt-6 text-sm font-semibold text-indigo-600">404</p>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight text-zinc-950">{t('Page not found')}</h1>
        <p className="mt-3 text-sm leading-6 text-zinc-600">
          {t('This page does not exist, or it belongs to a tenant you are not a member of.')}
        </p>
        <div className="mt-8 flex justify-center">
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a plain link: this boundary is part of every page, the H5 play page included, and next/link would add its chunk to all of them */}
          <a href="/" className={buttonClasses('primary')}>
            {t('Back to the console')}
          </a>
        </div>
      </div>
    </main>
  );
}

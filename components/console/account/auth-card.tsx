// The frame of the console's signed-out pages (reset, security set-up before the console): the
// logo, a title and a card.
import type { ReactNode } from 'react';
import { LogoMark } from '../icons';

export function AuthCard({
  title,
  description,
  children,
  footer,
  wide = false,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
}) {
  return (
    <div className="relative flex min-h-screen flex-col items-center justify-center overflow-hidden bg-zinc-50 px-6 py-12">
      <div
        aria-hidden
        className="pointer-events-none absolute inset-x-0 top-0 h-96 bg-[radial-gradient(ellipse_at_top,var(--color-indigo-100),transparent_70%)]"
      />
      <main className={`relative w-full ${wide ? 'max-w-xl' : 'max-w-sm'}`}>
        <div className="mb-8 flex flex-col items-center text-center">
          <LogoMark className="size-11" />
          <h1 className="mt-5 text-2xl font-semibold tracking-tight text-zinc-950">{title}</h1>
          {description ? <div className="mt-2 text-sm text-zinc-600">{description}</div> : null}
        </div>
        <div className="rounded-xl border border-zinc-200 bg-white p-8 shadow-sm shadow-zinc-900/5">{children}</div>
        {footer ? <div className="mt-6 text-center text-xs leading-5 text-zinc-500">{footer}</div> : null}
      </main>
    </div>
  );
}

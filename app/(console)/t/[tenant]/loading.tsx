import { getConsoleT } from '@/components/console/i18n-server';

// Shown inside the console shell while a section's server data loads.
export default async function ConsoleLoading() {
  const t = await getConsoleT();
  return (
    <div className="space-y-8" aria-busy="true" aria-live="polite">
      <span className="sr-only">{t('Loading…')}</span>
      <div className="space-y-3 border-b border-zinc-200 pb-6" aria-hidden>
        <div className="h-7 w-48 animate-pulse rounded-md bg-zinc-200" />
        <div className="h-4 w-96 animate-pulse rounded-md bg-zinc-100" />
      </div>
      <div className="overflow-hidden rounded-xl border border-zinc-200" aria-hidden>
        <div className="h-10 border-b border-zinc-200 bg-zinc-50" />
        {Array.from({ length: 5 }, (_, i) => (
          <div key={i} className="flex items-center gap-6 border-b border-zinc-100 px-4 py-4 last:border-b-0">
            <div className="h-4 w-48 animate-pulse rounded bg-zinc-100" />
            <div className="h-4 w-20 animate-pulse rounded bg-zinc-100" />
            <div className="ml-auto h-4 w-16 animate-pulse rounded bg-zinc-100" />
          </div>
        ))}
      </div>
    </div>
  );
}

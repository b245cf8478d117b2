'use client';

import { buttonClasses } from '@/components/ui/button-classes';
import { useT } from '@/components/console/i18n';
import { AlertIcon } from '@/components/console/icons';
import { richText } from '@/components/console/rich-text';

// Production builds hide server error messages; the digest ties this screen to the server log.
// `retry` re-fetches the segment from the server, so a passing glitch (database restart) recovers.
export default function ConsoleError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  const t = useT();
  return (
    <div
      role="alert"
      className="flex flex-col items-center rounded-xl border border-red-200 bg-red-50/50 px-8 py-16 text-center"
    >
      <span className="flex size-12 items-center justify-center rounded-full bg-white shadow-sm ring-1 ring-red-100">
        <AlertIcon className="size-5 text-red-600" />
      </span>
      <h2 className="mt-4 text-base font-semibold text-zinc-900">{t('This section could not be loaded')}</h2>
      <p className="mt-2 max-w-md text-sm leading-6 text-zinc-600">
        {digest
          ? richText(
              t(
                'Something went wrong on our side. Try again; if it keeps happening, give this reference to your platform team: {digest}.',
              ),
              { digest: <code className="font-mono text-[13px] text-zinc-800">{digest}</code> },
            )
          : t(
              'Something went wrong on our side. Try again; if it keeps happening, give this reference to your platform team.',
            )}
      </p>
      <button type="button" onClick={() => retry()} className={`${buttonClasses('secondary')} mt-6`}>
        {t('Try again')}
      </button>
    </div>
  );
}

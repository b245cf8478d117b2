'use client';

// Upload a coupon prize's codes from the console: a CSV or text file, one code a line (for a CSV,
// the first column). The file is read in the browser, checked for repeats, and sent in parts,
// each added all or nothing by the same service as POST /api/manage/prizes/{id}/codes.
import { useId, useRef, useState, useTransition, type FormEvent } from 'react';
import type { ActionResult } from '@/lib/http/action-result';
import type { CodesDto } from '@/lib/prizes/add-prize-codes';
import { parseCodeFile, repeatedCodes } from '@/lib/coupons/parse-code-file';
import { buttonClasses } from '@/components/ui/button-classes';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { useT } from '../i18n';

/** Codes a part: well under a server action's body limit, however long the codes. */
const PART = 2_000;
/** A file bigger than this is refused before it is read. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

export function UploadCodesButton({
  prize,
  addCodesAction,
  size = 'sm',
}: {
  prize: { name: string };
  addCodesAction: (codes: string[]) => Promise<ActionResult<CodesDto>>;
  size?: 'sm' | 'md';
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const toast = useToast();
  const t = useT();
  const id = useId();
  const ids = { title: `${id}-title`, body: `${id}-body`, file: `${id}-file`, error: `${id}-error` };

  function open() {
    setError(null);
    if (fileRef.current) fileRef.current.value = '';
    dialogRef.current?.showModal();
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file) return setError(t('Choose a CSV or text file with one code a line.'));
    if (file.size > MAX_FILE_BYTES) return setError(t('The file is larger than 20 MB; split it into several.'));
    startTransition(async () => {
      const codes = parseCodeFile(await file.text(), file.name);
      if (codes.length === 0) return setError(t('The file holds no codes.'));
      const repeated = repeatedCodes(codes);
      if (repeated.length) {
        return setError(
          t('Codes repeated in the file: {codes}. Nothing was added.', { codes: repeated.slice(0, 20).join(', ') }),
        );
      }
      let added = 0;
      for (let i = 0; i < codes.length; i += PART) {
        const result = await addCodesAction(codes.slice(i, i + PART));
        if (!result.ok) {
          const done = added ? t('{count} codes before them were added.', { count: added }) : t('Nothing was added.');
          setError(`${result.error.message} ${done}`);
          toast.error(t('Could not add every code'), result.error.message);
          return;
        }
        added += result.data.added;
        if (i + PART >= codes.length) {
          dialogRef.current?.close();
          const where = result.data.activityId
            ? `${t.locale === 'en' ? ' ' : ''}${t('They went into the live activity’s pool and can be drawn now (within its tiers’ stock).')}`
            : '';
          toast.success(
            t('Codes added'),
            t('{name}: {count} codes added, {unused} unused.', {
              name: prize.name,
              count: added,
              unused: result.data.unused,
            }) + where,
          );
        }
      }
    });
  }

  return (
    <>
      <button type="button" onClick={open} className={buttonClasses('secondary', size)}>
        {t('Upload codes')}
      </button>
      <dialog
        ref={dialogRef}
        aria-labelledby={ids.title}
        aria-describedby={ids.body}
        onCancel={(e) => {
          if (pending) e.preventDefault();
        }}
        className="m-auto w-full max-w-md rounded-xl border border-zinc-200 bg-white p-0 text-left shadow-2xl shadow-zinc-900/20"
      >
        <form onSubmit={onSubmit} noValidate aria-describedby={error ? ids.error : undefined}>
          <div className="space-y-5 p-6">
            <div>
              <h2 id={ids.title} className="text-base font-semibold text-zinc-950">
                {t('Upload codes for {name}', { name: prize.name })}
              </h2>
              <p id={ids.body} className="mt-1.5 text-sm leading-6 text-zinc-600">
                {t(
                  "A CSV or text file with one code a line (a CSV's first column). Each code becomes one unit of stock; a winner gets one code per unit won. Codes already stored are refused. While a live activity holds this prize, the codes go straight into its pool and its draw.",
                )}
              </p>
            </div>
            {error ? (
              <p id={ids.error} role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
                {error}
              </p>
            ) : null}
            <div>
              <label htmlFor={ids.file} className="block text-sm font-medium text-zinc-800">
                {t('File')}
              </label>
              <input
                ref={fileRef}
                id={ids.file}
                name="file"
                type="file"
                accept=".csv,.txt,text/csv,text/plain"
                disabled={pending}
                onChange={() => setError(null)}
                className="mt-1.5 block w-full text-sm text-zinc-700"
              />
            </div>
          </div>
          <div className="flex justify-end gap-2 rounded-b-xl border-t border-zinc-200 bg-zinc-50 px-6 py-4">
            <button
              type="button"
              onClick={() => dialogRef.current?.close()}
              disabled={pending}
              className={buttonClasses('secondary')}
            >
              {t('Cancel')}
            </button>
            <button type="submit" disabled={pending} aria-busy={pending} className={buttonClasses('primary')}>
              {pending ? <Spinner /> : null}
              {pending ? t('Uploading…') : t('Add codes')}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}

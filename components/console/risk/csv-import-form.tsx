'use client';

// Import a blacklist CSV by file or paste: `kind,value` a line, header optional. The import
// is all or nothing: a refused one lists its bad lines by number and adds nothing.
import { useId, useState, useTransition, type ChangeEvent, type FormEvent } from 'react';
import type { ActionResult } from '@/lib/http/action-result';
import type { CsvImportOutcome } from '@/lib/risk/risk-console-view';
import { buttonClasses } from '@/components/ui/button-classes';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { useT } from '../i18n';
import { errorClasses, hintClasses, labelClasses, textareaClasses } from './field-classes';

const MAX_CSV_BYTES = 900_000;
/** Sample lines, the same in every language (the format's own words). */
const SAMPLE = 'kind,value\nuser,user-1842\ndevice,android-5f1c0e\nip,203.0.113.9';

type Result =
  | { kind: 'refused'; errors: { line: number; message: string }[]; errorCount: number }
  | { kind: 'imported'; added: number; lines: number }
  | null;

export function CsvImportForm({
  importAction,
}: {
  importAction: (csv: string) => Promise<ActionResult<CsvImportOutcome>>;
}) {
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<Result>(null);
  const [pending, startTransition] = useTransition();
  const toast = useToast();
  const t = useT();
  const id = useId();

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    setResult(null);
    setProblem(null);
    if (!file) return;
    if (file.size > MAX_CSV_BYTES) {
      setProblem(t('{file} is larger than 900 KB; split it into smaller files.', { file: file.name }));
      return;
    }
    setFileName(file.name);
    setText(await file.text());
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setResult(null);
    if (!text.trim()) {
      setProblem(t('Choose a CSV file or paste its lines.'));
      document.getElementById(`${id}-text`)?.focus();
      return;
    }
    startTransition(async () => {
      const outcome = await importAction(text);
      if (!outcome.ok) {
        setProblem(outcome.error.message);
        toast.error(t('Import failed'), outcome.error.message);
        return;
      }
      const data = outcome.data;
      if (!data.imported) {
        setResult({ kind: 'refused', errors: data.errors, errorCount: data.errorCount });
        toast.error(
          t('Nothing imported'),
          t.plural(data.errorCount, '{count} line is wrong.', '{count} lines are wrong.'),
        );
        return;
      }
      setResult({ kind: 'imported', added: data.added, lines: data.lines });
      toast.success(
        t('Blacklist imported'),
        t('{added} added of {lines} lines.', { added: data.added, lines: data.lines }),
      );
    });
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-labelledby={`${id}-title`}
      className="rounded-xl border border-zinc-200 bg-white shadow-sm shadow-zinc-900/[0.03]"
    >
      <div className="border-b border-zinc-200 px-5 py-4">
        <h3 id={`${id}-title`} className="text-sm font-semibold text-zinc-950">
          {t('Import a CSV')}
        </h3>
        <p className="mt-0.5 text-sm text-zinc-600">
          {t(
            'One entry a line as {format}, kind being user, device or ip; a header line is optional. If any line is wrong, nothing is imported.',
            { format: 'kind,value' },
          )}
        </p>
      </div>
      <div className="space-y-4 p-5">
        <div>
          <label htmlFor={`${id}-file`} className={labelClasses}>
            {t('CSV file')}
          </label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".csv,text/csv,text/plain"
            onChange={onFile}
            disabled={pending}
            className="mt-1.5 block w-full text-sm text-zinc-700 file:mr-3 file:rounded-md file:border file:border-zinc-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-zinc-900 file:shadow-sm hover:file:bg-zinc-50"
          />
        </div>
        <div>
          <label htmlFor={`${id}-text`} className={labelClasses}>
            {fileName ? t('Contents of {file}', { file: fileName }) : t('Or paste the lines')}
          </label>
          <textarea
            id={`${id}-text`}
            rows={6}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setProblem(null);
              setResult(null);
            }}
            spellCheck={false}
            disabled={pending}
            placeholder={SAMPLE}
            aria-invalid={problem || result?.kind === 'refused' ? true : undefined}
            aria-describedby={`${id}-status`}
            className={`mt-1.5 ${textareaClasses}`}
          />
          <div id={`${id}-status`} aria-live="polite">
            {problem ? <p className={errorClasses}>{problem}</p> : null}
            {result?.kind === 'refused' ? (
              <div
                role="alert"
                data-testid="csv-errors"
                className="mt-2 rounded-md border border-red-200 bg-red-50 px-3 py-2.5 text-sm text-red-900"
              >
                <p className="font-medium">
                  {t.plural(
                    result.errorCount,
                    'Nothing was imported: {count} line is wrong.',
                    'Nothing was imported: {count} lines are wrong.',
                  )}
                </p>
                <ul className="mt-1.5 space-y-0.5">
                  {result.errors.map((e) => (
                    <li key={e.line}>
                      <span className="font-mono text-[13px] font-medium">
                        {t('Line {line}', { line: String(e.line) })}
                      </span>
                      : {e.message}
                    </li>
                  ))}
                </ul>
                {result.errorCount > result.errors.length ? (
                  <p className="mt-1 text-red-800">
                    {t('…and {count} more.', { count: result.errorCount - result.errors.length })}
                  </p>
                ) : null}
              </div>
            ) : null}
            {result?.kind === 'imported' ? (
              <p
                data-testid="csv-imported"
                className="mt-2 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900"
              >
                {result.added < result.lines
                  ? t('{added} added of {lines} lines ({listed} already listed).', {
                      added: result.added,
                      lines: result.lines,
                      listed: result.lines - result.added,
                    })
                  : t('{added} added of {lines} lines.', { added: result.added, lines: result.lines })}
              </p>
            ) : null}
            {!problem && !result ? <p className={hintClasses}>{t('At most 900 KB per import.')}</p> : null}
          </div>
        </div>
      </div>
      <div className="flex justify-end rounded-b-xl border-t border-zinc-200 bg-zinc-50 px-5 py-3">
        <button type="submit" disabled={pending} aria-busy={pending} className={buttonClasses('secondary')}>
          {pending ? <Spinner /> : null}
          {pending ? t('Importing…') : t('Import CSV')}
        </button>
      </div>
    </form>
  );
}

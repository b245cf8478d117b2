'use client';

// "Import shipments" on the winners page: a CSV of winId,carrier,trackingNumber from the
// warehouse. A malformed file ships nothing and lists its bad lines; otherwise the wins ship and
// any that could not (not claimed yet, voided) are listed by line.
import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition } from 'react';
import type { FormResult } from '@/lib/http/form-result';
import type { ShipmentImport as Result } from '@/lib/fulfilment/import-shipments';
import { buttonClasses } from '@/components/ui/button-classes';
import { Spinner } from '@/components/ui/spinner';
import { useT } from '../i18n';

type Report = { title: string; tone: 'ok' | 'error'; lines: string[] };

export function ShipmentImport({
  importShipments,
}: {
  importShipments: (text: string) => Promise<FormResult<Result>>;
}) {
  const [pending, start] = useTransition();
  const [report, setReport] = useState<Report | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const router = useRouter();
  const t = useT();

  const upload = (file: File) =>
    start(async () => {
      const result = await importShipments(await file.text()).catch(() => null);
      if (!result) {
        setReport({
          title: t('The upload did not reach the server; nothing was shipped. Try again.'),
          tone: 'error',
          lines: [],
        });
        return;
      }
      if (!result.ok) {
        setReport({
          title: t('Nothing was shipped: {message}', { message: result.error.message }),
          tone: 'error',
          lines: result.error.issues.map((i) => `${i.path}: ${i.message}`),
        });
        return;
      }
      const { shipped, failed } = result.data;
      setReport({
        title: failed.length
          ? t('{shipped} shipped, {failed} could not be shipped.', {
              shipped: String(shipped),
              failed: String(failed.length),
            })
          : t('{shipped} shipped.', { shipped: String(shipped) }),
        tone: failed.length ? 'error' : 'ok',
        lines: failed.map((f) =>
          t('line {line} ({winId}): {message}', { line: String(f.line), winId: f.winId, message: f.message }),
        ),
      });
      router.refresh();
    });

  return (
    <div className="flex flex-col items-end gap-2">
      <input
        ref={fileRef}
        type="file"
        accept=".csv,text/csv,text/plain"
        className="sr-only"
        tabIndex={-1}
        aria-hidden
        data-testid="shipment-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) upload(file);
        }}
      />
      <button
        type="button"
        className={buttonClasses('secondary')}
        disabled={pending}
        aria-busy={pending}
        title={t('A CSV with winId,carrier,trackingNumber on each line')}
        onClick={() => fileRef.current?.click()}
      >
        {pending ? <Spinner /> : null}
        {t('Import shipments')}
      </button>
      {report ? (
        <div
          role={report.tone === 'error' ? 'alert' : 'status'}
          className={`max-w-md rounded-md border p-3 text-sm ${
            report.tone === 'error'
              ? 'border-red-200 bg-red-50 text-red-800'
              : 'border-emerald-200 bg-emerald-50 text-emerald-800'
          }`}
        >
          <p className="font-medium">{report.title}</p>
          {report.lines.length > 0 ? (
            <ul className="mt-1 max-h-40 list-disc overflow-auto pl-5">
              {report.lines.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

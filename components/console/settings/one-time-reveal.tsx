'use client';

// A value shown exactly once (an API key, an invitation link, a rotated secret): it lives only in the
// parent's state, with a copy button; dismissed or left, it cannot be shown again.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { buttonClasses } from '@/components/ui/button-classes';
import { useToast } from '@/components/ui/toast';
import { useT } from '../i18n';
import { AlertIcon, CheckIcon, CopyIcon } from '../icons';

export function OneTimeReveal({
  title,
  value,
  label,
  testId,
  onDone,
  children,
}: {
  title: string;
  value: string;
  label: string;
  testId: string;
  onDone: () => void;
  children: ReactNode;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  const toast = useToast();
  const t = useT();
  const headingId = useId();

  useEffect(() => headingRef.current?.focus(), [value]);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2_000);
    return () => clearTimeout(timer);
  }, [copied]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // Clipboard API unavailable (insecure origin or denied): fall back to a selection copy.
      inputRef.current?.select();
      if (!document.execCommand('copy')) {
        toast.error(t('Copy failed'), t('Select the text and copy it by hand.'));
        return;
      }
    }
    setCopied(true);
    toast.success(t('Copied to clipboard'));
  }

  return (
    <section
      aria-labelledby={headingId}
      data-testid={testId}
      className="rounded-lg border border-amber-300 bg-amber-50 p-4"
    >
      <div className="flex items-start gap-3">
        <AlertIcon className="mt-0.5 size-5 shrink-0 text-amber-700" />
        <div className="min-w-0 flex-1">
          <h3
            id={headingId}
            ref={headingRef}
            tabIndex={-1}
            className="text-sm font-semibold text-amber-950 focus:outline-none"
          >
            {title}
          </h3>
          <div className="mt-1 text-sm text-amber-900">{children}</div>
          <div className="mt-3 flex items-center gap-2">
            <label htmlFor={`${headingId}-value`} className="sr-only">
              {label}
            </label>
            <input
              ref={inputRef}
              id={`${headingId}-value`}
              readOnly
              value={value}
              onFocus={(e) => e.currentTarget.select()}
              spellCheck={false}
              data-testid={`${testId}-value`}
              className="h-9 min-w-0 flex-1 rounded-md border border-amber-300 bg-white px-3 font-mono text-sm text-zinc-900 shadow-sm focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none"
            />
            <button type="button" onClick={copy} className={buttonClasses('secondary')}>
              {copied ? <CheckIcon className="size-4 text-emerald-600" /> : <CopyIcon className="size-4" />}
              {copied ? t('Copied') : t('Copy')}
            </button>
            <button type="button" onClick={onDone} className={buttonClasses('ghost')}>
              {t('Done')}
            </button>
          </div>
        </div>
      </div>
    </section>
  );
}

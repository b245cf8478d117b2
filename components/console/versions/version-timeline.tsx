import Link from 'next/link';
import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { Timestamp } from '@/components/console/timestamp';
import { msg } from '@/lib/i18n/console/translator';
import { getConsoleT } from '../i18n-server';
import { versionName } from './version-name';

type Version = {
  version: number;
  hash: string;
  appliedAt: string;
  createdBy: { type: string; id: string | null };
  summary: string;
};

const byLabel: Record<string, string> = { OPERATOR: msg('Operator'), API_KEY: msg('API key'), SYSTEM: msg('System') };

/**
 * Newest first; each version links to its comparison with the one before it, and each but the
 * one in force has `restore` (its Restore button, when the reader may restore).
 */
export async function VersionTimeline({
  versions,
  base,
  from,
  to,
  restore,
}: {
  versions: Version[];
  base: string;
  from: number;
  to: number;
  restore?: (version: number) => ReactNode;
}) {
  const t = await getConsoleT();
  const current = versions.at(-1)?.version;
  return (
    <section aria-label={t('Timeline')} className="rounded-xl border border-zinc-200 bg-white shadow-sm">
      <h2 className="border-b border-zinc-200 px-5 py-3 text-sm font-semibold text-zinc-900">{t('Timeline')}</h2>
      <ol className="divide-y divide-zinc-100">
        {[...versions].reverse().map((v) => {
          const selected = v.version === to || v.version === from;
          return (
            <li key={v.version} className={`px-5 py-3 ${selected ? 'bg-indigo-50/60' : ''}`}>
              <div className="flex items-center justify-between gap-3">
                <span className="flex items-center gap-2">
                  <span className="text-sm font-semibold text-zinc-900 tabular-nums">{versionName(v.version)}</span>
                  <Badge tone={v.createdBy.type === 'SYSTEM' ? 'neutral' : 'blue'}>
                    {byLabel[v.createdBy.type] ? t(byLabel[v.createdBy.type]!) : v.createdBy.type}
                  </Badge>
                  <code className="text-xs text-zinc-500" title={v.hash}>
                    {v.hash.slice(0, 8)}
                  </code>
                </span>
                <span className="text-xs text-zinc-500">
                  <Timestamp iso={v.appliedAt} />
                </span>
              </div>
              <p className="mt-1 text-sm text-zinc-700">{v.summary}</p>
              {v.version > 1 ? (
                <Link
                  href={`${base}?from=${v.version - 1}&to=${v.version}`}
                  className="mt-1 inline-block text-xs font-medium text-indigo-700 hover:underline"
                >
                  {t('Compare with v{version}', { version: String(v.version - 1) })}
                </Link>
              ) : null}
              {restore && v.version !== current ? restore(v.version) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

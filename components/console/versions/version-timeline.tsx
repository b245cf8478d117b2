import Link from 'next/link';
import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { Timestamp } from '@/components/console/timestamp';

type Version = {
  version: number;
  hash: string;
  appliedAt: string;
  createdBy: { type: string; id: string | null };
  summary: string;
};

const byLabel: Record<string, string> = { OPERATOR: 'Operator', API_KEY: 'API key', SYSTEM: 'System' };

/**
 * Newest first; each version links to its comparison with the one before it, and each but the
 * one in force has `restore` (its Restore button, when the reader may restore).
 */
export function VersionTimeline({
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
  const current = versions.at(-1)?.version;
  return (
    <section aria-label="Timeline" className="rounded-xl border border-zinc-200 bg-white shadow-sm">
      <h2 className="border-b border-zinc-200 px-5 py-3 text-sm font-semibold text-zinc-900">Timeline</h2>
      <ol className="divide-y divide-zinc-100">
        {[...versions].reverse().map((v) => {
          const selected = v.version === to || v.version === from;
          return (
            <li key={v.version} className={`px-5 py-3 ${selected ? 'bg-indigo-50/60' : ''}`}>
              <div className="flex items-center justify-between gap-3">
                <span className="flex items-center gap-2">
                  <span className="text-sm font-semibold text-zinc-900 tabular-nums">v{v.version}</span>
                  <Badge tone={v.createdBy.type === 'SYSTEM' ? 'neutral' : 'blue'}>
                    {byLabel[v.createdBy.type] ?? v.createdBy.type}
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
                  Compare with v{v.version - 1}
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

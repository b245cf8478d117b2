// Before and after of an audit entry as a readable field-by-field diff: nested objects become
// dotted paths (shipment.carrier), arrays are indexed (tiers[0].stock), and only what changed is
// listed. A creation (nothing before) lists its fields once; long lists fold after a few lines.
import type { Translator } from '@/lib/i18n/console/translator';

type Flat = Map<string, unknown>;
const SHOWN_LINES = 6;

function flatten(value: unknown, path: string, out: Flat): Flat {
  if (value !== null && typeof value === 'object' && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      flatten(v, Array.isArray(value) ? `${path}[${k}]` : path ? `${path}.${k}` : k, out);
  } else if (path) {
    out.set(path, value);
  } else if (value !== null && value !== undefined) {
    out.set('value', value);
  }
  return out;
}

export type DiffLine = { path: string; kind: 'added' | 'removed' | 'changed'; before?: unknown; after?: unknown };

export function auditDiff(before: unknown, after: unknown): DiffLine[] {
  const b = flatten(before ?? null, '', new Map());
  const a = flatten(after ?? null, '', new Map());
  const lines: DiffLine[] = [];
  for (const path of new Set([...b.keys(), ...a.keys()])) {
    const inB = b.has(path);
    const inA = a.has(path);
    if (inB && inA) {
      if (JSON.stringify(b.get(path)) !== JSON.stringify(a.get(path)))
        lines.push({ path, kind: 'changed', before: b.get(path), after: a.get(path) });
    } else if (inA) lines.push({ path, kind: 'added', after: a.get(path) });
    else lines.push({ path, kind: 'removed', before: b.get(path) });
  }
  return lines;
}

function Value({ value, tone, t }: { value: unknown; tone: 'before' | 'after' | 'plain'; t: Translator }) {
  if (value === undefined)
    return (
      <span className="text-zinc-500" aria-label={t('not set')}>
        —
      </span>
    );
  if (value === null) return <span className="text-xs text-zinc-500 italic">{t('empty')}</span>;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const tones = {
    before: 'bg-red-50 text-red-900 line-through decoration-red-400/70',
    after: 'bg-emerald-50 text-emerald-900',
    plain: 'bg-zinc-100 text-zinc-800',
  };
  return (
    <span className={`rounded px-1 py-0.5 font-mono text-xs [overflow-wrap:anywhere] ${tones[tone]}`}>{text}</span>
  );
}

function Rows({ lines, single, t }: { lines: DiffLine[]; single: 'before' | 'after' | null; t: Translator }) {
  return (
    <>
      {lines.map((l) => (
        <tr key={l.path} className="border-t border-zinc-200/70 align-top" data-diff={l.kind}>
          <td className="py-1 pr-3 font-mono text-xs [overflow-wrap:anywhere] text-zinc-700">{l.path}</td>
          {single ? (
            <td className="py-1">
              <Value value={single === 'before' ? l.before : l.after} tone="plain" t={t} />
            </td>
          ) : (
            <>
              <td className="py-1 pr-3">
                <Value value={l.before} tone="before" t={t} />
              </td>
              <td className="py-1">
                <Value value={l.after} tone="after" t={t} />
              </td>
            </>
          )}
        </tr>
      ))}
    </>
  );
}

/** `t`: the page's translator (this file stays free of server-only imports: its diff is unit-tested). */
export function AuditDiff({ before, after, t }: { before: unknown; after: unknown; t: Translator }) {
  const lines = auditDiff(before, after);
  if (lines.length === 0) return <p className="text-xs text-zinc-500">{t('No field changes recorded.')}</p>;
  // Nothing before: a creation, listed as its values; nothing after: a removal.
  const single = before == null ? 'after' : after == null ? 'before' : null;
  const head = lines.slice(0, SHOWN_LINES);
  const rest = lines.slice(SHOWN_LINES);
  const cols = single ? (
    <colgroup>
      <col className="w-[30%]" />
      <col />
    </colgroup>
  ) : (
    <colgroup>
      <col className="w-[30%]" />
      <col className="w-[35%]" />
      <col className="w-[35%]" />
    </colgroup>
  );
  const header = (
    <thead>
      <tr className="text-xs text-zinc-500">
        <th scope="col" className="pb-1 font-medium">
          {t('Field')}
        </th>
        {single ? (
          <th scope="col" className="pb-1 font-medium">
            {single === 'after' ? t('Set to') : t('Was')}
          </th>
        ) : (
          <>
            <th scope="col" className="pb-1 font-medium">
              {t('Before')}
            </th>
            <th scope="col" className="pb-1 font-medium">
              {t('After')}
            </th>
          </>
        )}
      </tr>
    </thead>
  );
  return (
    <div>
      <table className="w-full table-fixed text-left text-sm" aria-label={t('Changes')}>
        {cols}
        {header}
        <tbody>
          <Rows lines={head} single={single} t={t} />
        </tbody>
      </table>
      {rest.length ? (
        <details className="group mt-1">
          <summary className="cursor-pointer rounded text-xs font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500">
            <span className="group-open:hidden">
              {t.plural(rest.length, 'Show {count} more field', 'Show {count} more fields')}
            </span>
            <span className="hidden group-open:inline">
              {t.plural(rest.length, 'Hide {count} more field', 'Hide {count} more fields')}
            </span>
          </summary>
          <table className="mt-1 w-full table-fixed text-left text-sm" aria-label={t('More changes')}>
            {cols}
            <tbody>
              <Rows lines={rest} single={single} t={t} />
            </tbody>
          </table>
        </details>
      ) : null}
    </div>
  );
}

'use client';

// A change's diff as a reviewer reads it: every field before → after (odds in percent, stock in
// units with the delta, anything else as its value), then what it costs each prize's pool.
// Entries of kinds this view does not know yet show by their path, so a wider patch still reads.
import type { ChangeDiff, DiffEntry, PoolCost } from '@/lib/activities/change-diff';
import { BeforeAfterHead } from '@/components/console/dashboard/diff-preview';
import type { Translator } from '@/lib/i18n/console/translator';
import { useT } from '../i18n';

type AnyEntry = DiffEntry | { kind: string; path: string; before?: unknown; after?: unknown; tier?: string };

const signed = (n: number) => `${n > 0 ? '+' : ''}${n}`;

export function describeChangeEntry(e: AnyEntry, t: Translator): { field: string; before: string; after: string } {
  const show = (v: unknown): string =>
    v === null || v === undefined ? t('none') : typeof v === 'object' ? JSON.stringify(v) : String(v);
  const known = e as DiffEntry;
  if (known.kind === 'odds')
    return {
      field: t('{tier} · odds', { tier: known.tier }),
      before: `${known.beforePercent} %`,
      after: `${known.afterPercent} %`,
    };
  if (known.kind === 'stock')
    return {
      field: t('{tier} · stock', { tier: known.tier }),
      before: t('{count} units', { count: String(known.before) }),
      after: t('{count} units ({delta})', { count: String(known.after), delta: signed(known.deltaUnits) }),
    };
  if (known.kind === 'limits')
    return {
      field: t('limit · {name}', { name: known.path.replace(/^limits\./, '') }),
      before: show(known.before),
      after: show(known.after),
    };
  const other = e as { path: string; before?: unknown; after?: unknown; tier?: string };
  const field = other.tier ? `${other.tier} · ${other.path.split('.').at(-1)}` : other.path;
  return { field, before: show(other.before), after: show(other.after) };
}

export function ChangeDiffView({
  diff,
  prizeNames,
  label,
}: {
  diff: ChangeDiff;
  prizeNames: Record<string, string>;
  label: string;
}) {
  const t = useT();
  const entries = diff.entries as AnyEntry[];
  return (
    <div className="space-y-3">
      <table className="w-full text-sm" aria-label={label}>
        <BeforeAfterHead />
        <tbody className="divide-y divide-zinc-100">
          {entries.map((e) => {
            const d = describeChangeEntry(e, t);
            return (
              <tr key={e.path}>
                <th scope="row" className="py-1.5 pr-2 text-left font-medium text-zinc-800">
                  {d.field}
                </th>
                <td className="max-w-48 truncate py-1.5 text-right text-zinc-600 tabular-nums" title={d.before}>
                  {d.before}
                </td>
                <td className="py-1.5 text-center text-zinc-500" aria-hidden>
                  →
                </td>
                <td
                  className="max-w-48 truncate py-1.5 text-right font-semibold text-zinc-950 tabular-nums"
                  title={d.after}
                >
                  {d.after}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {diff.cost.length ? <CostList cost={diff.cost} prizeNames={prizeNames} /> : null}
    </div>
  );
}

function CostList({ cost, prizeNames }: { cost: PoolCost[]; prizeNames: Record<string, string> }) {
  const t = useT();
  return (
    <ul
      aria-label={t('Cost to the prize pools')}
      className="space-y-1 rounded-md bg-zinc-50 px-3 py-2 text-xs text-zinc-700"
    >
      {cost.map((c) => (
        <li key={c.prizeId}>
          <span className="font-medium text-zinc-900">{prizeNames[c.prizeId] ?? c.prizeId}</span>
          {t(': needs {before} → {after} units', { before: String(c.needBefore), after: String(c.needAfter) })}
          {c.reserve ? t("; reserves {count} from the prize's pool", { count: String(c.reserve) }) : ''}
          {c.release ? t('; releases {count} back to it', { count: String(c.release) }) : ''}
        </li>
      ))}
    </ul>
  );
}

// Before → after of a live adjustment, shown before the operator confirms it.
import type { Diff } from '@/lib/stats/adjustment-diff';

/** The head of a before → after table (field, before, after), shared by every diff the console shows. */
export function BeforeAfterHead() {
  return (
    <thead>
      <tr className="text-left text-xs text-zinc-600">
        <th scope="col" className="pb-1.5 font-medium">
          Field
        </th>
        <th scope="col" className="pb-1.5 text-right font-medium">
          Before
        </th>
        <th scope="col" className="w-6 pb-1.5">
          <span className="sr-only">becomes</span>
        </th>
        <th scope="col" className="pb-1.5 text-right font-medium">
          After
        </th>
      </tr>
    </thead>
  );
}

export function DiffPreview({ diff, label }: { diff: Diff; label: string }) {
  return (
    <div className="space-y-3">
      <table className="w-full text-sm" aria-label={label} data-testid="diff-preview">
        <BeforeAfterHead />
        <tbody className="divide-y divide-zinc-100">
          {diff.rows.map((r) => (
            <tr key={r.field} className={r.changed ? 'bg-amber-50/60' : ''} data-changed={r.changed || undefined}>
              <th scope="row" className="py-2 pr-2 text-left font-medium text-zinc-800">
                {r.field}
              </th>
              <td
                className={`py-2 text-right tabular-nums ${r.changed ? 'text-zinc-500 line-through decoration-zinc-400' : 'text-zinc-700'}`}
              >
                {r.before}
              </td>
              <td className="py-2 text-center text-zinc-400" aria-hidden>
                →
              </td>
              <td
                className={`py-2 pr-1 text-right tabular-nums ${r.changed ? 'font-semibold text-zinc-950' : 'text-zinc-700'}`}
              >
                {r.after}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {diff.errors.length > 0 ? (
        <ul role="alert" className="space-y-1 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {diff.errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
      {diff.notes.length > 0 ? (
        <ul className="list-disc space-y-1 pl-5 text-xs leading-5 text-zinc-600">
          {diff.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

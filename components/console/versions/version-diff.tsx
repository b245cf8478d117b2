import type { VersionComparison } from '@/lib/activities/compare-versions';
import type { DiffEntry } from '@/lib/activities/change-diff';
import { Table, Td, Th, Tr } from '@/components/ui/table';

export function describeEntry(e: DiffEntry): { field: string; before: string; after: string } {
  if (e.kind === 'odds')
    return { field: `${e.tier} · odds`, before: `${e.beforePercent} %`, after: `${e.afterPercent} %` };
  if (e.kind === 'stock') {
    const delta = `${e.deltaUnits > 0 ? '+' : ''}${e.deltaUnits}`;
    return { field: `${e.tier} · stock`, before: String(e.before), after: `${e.after} (${delta})` };
  }
  return {
    field: e.path.replace(/^limits\./, 'limit · '),
    before: String(e.before ?? 'none'),
    after: String(e.after ?? 'none'),
  };
}

export function DiffTable({ label, entries }: { label: string; entries: DiffEntry[] }) {
  return (
    <Table label={label}>
      <thead>
        <tr>
          <Th>Field</Th>
          <Th>Before</Th>
          <Th>After</Th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => {
          const d = describeEntry(e);
          return (
            <Tr key={e.path}>
              <Td>{d.field}</Td>
              <Td className="tabular-nums text-zinc-500">{d.before}</Td>
              <Td className="font-medium tabular-nums text-zinc-900">{d.after}</Td>
            </Tr>
          );
        })}
      </tbody>
    </Table>
  );
}

/** `comparison` null: one version only, or the same version picked twice (`versions` says which). */
export function VersionDiff({ comparison, versions = 1 }: { comparison: VersionComparison | null; versions?: number }) {
  return (
    <section aria-label="Difference" className="space-y-3">
      <h2 className="text-sm font-semibold text-zinc-900">
        {comparison ? `v${comparison.from} → v${comparison.to}` : 'Difference'}
      </h2>
      {!comparison ? (
        <p className="text-sm text-zinc-600">
          {versions > 1 ? 'Pick two different versions to compare.' : 'Only one version so far: nothing to compare.'}
        </p>
      ) : comparison.kind === 'other' ? (
        <p className="text-sm text-zinc-600">These versions differ in: {comparison.fields.join(', ')}.</p>
      ) : comparison.entries.length === 0 ? (
        <p className="text-sm text-zinc-600">The same configuration (same odds, stock and limits).</p>
      ) : (
        <DiffTable label={`Changes from v${comparison.from} to v${comparison.to}`} entries={comparison.entries} />
      )}
    </section>
  );
}

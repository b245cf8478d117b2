import type { VersionComparison } from '@/lib/activities/compare-versions';
import type { DiffEntry } from '@/lib/activities/change-diff';
import { Table, Td, Th, Tr } from '@/components/ui/table';
import type { Translator } from '@/lib/i18n/console/translator';
import { getConsoleT } from '../i18n-server';

export function describeEntry(e: DiffEntry, t: Translator): { field: string; before: string; after: string } {
  if (e.kind === 'odds')
    return {
      field: t('{tier} · odds', { tier: e.tier }),
      before: `${e.beforePercent} %`,
      after: `${e.afterPercent} %`,
    };
  if (e.kind === 'stock') {
    const delta = `${e.deltaUnits > 0 ? '+' : ''}${e.deltaUnits}`;
    return { field: t('{tier} · stock', { tier: e.tier }), before: String(e.before), after: `${e.after} (${delta})` };
  }
  return {
    field: t('limit · {name}', { name: e.path.replace(/^limits\./, '') }),
    before: String(e.before ?? t('none')),
    after: String(e.after ?? t('none')),
  };
}

export async function DiffTable({ label, entries }: { label: string; entries: DiffEntry[] }) {
  const t = await getConsoleT();
  return (
    <Table label={label}>
      <thead>
        <tr>
          <Th>{t('Field')}</Th>
          <Th>{t('Before')}</Th>
          <Th>{t('After')}</Th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => {
          const d = describeEntry(e, t);
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
export async function VersionDiff({
  comparison,
  versions = 1,
}: {
  comparison: VersionComparison | null;
  versions?: number;
}) {
  const t = await getConsoleT();
  return (
    <section aria-label={t('Difference')} className="space-y-3">
      <h2 className="text-sm font-semibold text-zinc-900">
        {comparison ? `v${comparison.from} → v${comparison.to}` : t('Difference')}
      </h2>
      {!comparison ? (
        <p className="text-sm text-zinc-600">
          {versions > 1
            ? t('Pick two different versions to compare.')
            : t('Only one version so far: nothing to compare.')}
        </p>
      ) : comparison.kind === 'other' ? (
        <p className="text-sm text-zinc-600">
          {t('These versions differ in: {fields}.', { fields: comparison.fields.join(', ') })}
        </p>
      ) : comparison.entries.length === 0 ? (
        <p className="text-sm text-zinc-600">{t('The same configuration (same odds, stock and limits).')}</p>
      ) : (
        <DiffTable
          label={t('Changes from v{from} to v{to}', { from: String(comparison.from), to: String(comparison.to) })}
          entries={comparison.entries}
        />
      )}
    </section>
  );
}

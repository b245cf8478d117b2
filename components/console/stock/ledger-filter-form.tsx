// The ledger's filters as a plain GET form: the query string is the state, so a filtered view
// can be bookmarked, shared and exported as it is. next/form navigates without a full reload.
import Form from 'next/form';
import { FilterButtons, FilterInput, FilterSelect } from '@/components/console/filter-fields';
import { getConsoleT } from '@/components/console/i18n-server';

export type LedgerFilterValues = { kind?: string; activity?: string; from?: string; to?: string };

export async function LedgerFilterForm({
  action,
  values,
  kinds,
  activities,
  timeZone,
}: {
  action: string;
  values: LedgerFilterValues;
  kinds: readonly { value: string; label: string }[];
  activities: readonly { id: string; name: string }[];
  /** The console's zone: the days are read in it. */
  timeZone: string;
}) {
  const t = await getConsoleT();
  return (
    <Form
      action={action}
      aria-label={t('Filter the ledger')}
      className="flex flex-wrap items-end gap-3 rounded-xl border border-zinc-200 bg-zinc-50/60 p-4"
    >
      <FilterSelect
        id="ledger-kind"
        name="kind"
        label={t('Kind')}
        value={values.kind}
        allLabel={t('All kinds')}
        options={kinds}
        className="w-44"
      />
      <FilterSelect
        id="ledger-activity"
        name="activity"
        label={t('Activity')}
        value={values.activity}
        allLabel={t('All activities')}
        options={activities.map((a) => ({ value: a.id, label: a.name }))}
        className="w-64"
      />
      <FilterInput
        id="ledger-from"
        name="from"
        label={t('From ({zone})', { zone: timeZone })}
        value={values.from}
        type="date"
        className="w-40"
      />
      <FilterInput
        id="ledger-to"
        name="to"
        label={t('To ({zone})', { zone: timeZone })}
        value={values.to}
        type="date"
        className="w-40"
      />
      <FilterButtons action={action} filtered={Object.values(values).some(Boolean)} />
    </Form>
  );
}

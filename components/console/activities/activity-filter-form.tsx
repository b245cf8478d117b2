// The list's filters as a plain GET form: the query string is the state, so a filtered view
// can be bookmarked and shared.
import Form from 'next/form';
import { FilterButtons, FilterInput, FilterSelect } from '@/components/console/filter-fields';
import { getConsoleT } from '@/components/console/i18n-server';
import { activityStatusLabels } from './format';

export async function ActivityFilterForm({
  action,
  status,
  q,
  statuses,
}: {
  action: string;
  status?: string;
  q?: string;
  statuses: readonly string[];
}) {
  const t = await getConsoleT();
  return (
    <Form
      action={action}
      aria-label={t('Filter activities')}
      className="flex flex-wrap items-end gap-3 rounded-xl border border-zinc-200 bg-zinc-50/60 p-4"
    >
      <FilterInput
        id="activity-search"
        name="q"
        label={t('Search by name')}
        value={q}
        type="search"
        placeholder={t('e.g. Spring Festival')}
        className="w-72"
      />
      <FilterSelect
        id="activity-status"
        name="status"
        label={t('Status')}
        value={status}
        allLabel={t('All statuses')}
        options={statuses.map((s) => ({
          value: s,
          label: activityStatusLabels[s] ? t(activityStatusLabels[s]) : s.charAt(0) + s.slice(1).toLowerCase(),
        }))}

        className="w-44"
      />
      <FilterButtons action={action} filtered={!!(status || q)} />
    </Form>
  );
}

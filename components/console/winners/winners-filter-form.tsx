// The winners filters as a plain GET form: the query string is the state, so a filtered view
// can be bookmarked, shared and exported as it is. next/form navigates without a full reload.
import Form from 'next/form';
import { FilterButtons, FilterInput, FilterSelect } from '@/components/console/filter-fields';
import { getConsoleT } from '@/components/console/i18n-server';
import { winStatuses, winStatusLabel } from './win-status';

export type WinnersFilterFormValues = {
  activity?: string;
  tier?: string;
  status?: string;
  from?: string;
  to?: string;
  user?: string;
};

export async function WinnersFilterForm({
  action,
  values,
  activities,
  timeZone,
}: {
  action: string;
  values: WinnersFilterFormValues;
  activities: readonly { id: string; name: string; tiers: readonly { id: string; name: string }[] }[];
  /** The console's zone: the days are read in it. */
  timeZone: string;
}) {
  // Tiers of the chosen activity, or all of them grouped by activity.
  const tierGroups = values.activity ? activities.filter((a) => a.id === values.activity) : activities;
  const t = await getConsoleT();
  return (
    <Form
      action={action}
      aria-label={t('Filter the winners')}
      className="grid grid-cols-[repeat(auto-fill,minmax(10.5rem,1fr))] items-end gap-3 rounded-xl border border-zinc-200 bg-zinc-50/60 p-4"
    >
      <FilterInput
        id="winners-user"
        name="user"
        label={t('User id')}
        value={values.user}
        type="search"
        placeholder={t('Exact user id, e.g. demo-user-1')}
        autoComplete="off"
        spellCheck={false}
        className="col-span-2"
      />
      <FilterSelect
        id="winners-activity"
        name="activity"
        label={t('Activity')}
        value={values.activity}
        allLabel={t('All activities')}
        options={activities.map((a) => ({ value: a.id, label: a.name }))}
        className="col-span-2"
      />
      <FilterSelect id="winners-tier" name="tier" label={t('Tier')} value={values.tier} allLabel={t('All tiers')}>
        {tierGroups.map((a) => (
          <optgroup key={a.id} label={a.name}>
            {a.tiers.map((tier) => (
              <option key={tier.id} value={tier.id}>
                {tier.name}
              </option>
            ))}
          </optgroup>
        ))}
      </FilterSelect>
      <FilterSelect
        id="winners-status"
        name="status"
        label={t('Status')}
        value={values.status}
        allLabel={t('All statuses')}
        options={winStatuses.map((s) => ({ value: s, label: t(winStatusLabel[s]) }))}
      />
      <FilterInput
        id="winners-from"
        name="from"
        label={t('Won from ({zone})', { zone: timeZone })}
        value={values.from}
        type="date"
      />
      <FilterInput
        id="winners-to"
        name="to"
        label={t('Won to ({zone})', { zone: timeZone })}
        value={values.to}
        type="date"
      />
      <FilterButtons action={action} filtered={Object.values(values).some(Boolean)} className="col-span-2" />
    </Form>
  );
}

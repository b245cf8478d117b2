import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { roleAtLeast } from '@/lib/auth/console-guard';
import { listRiskRules } from '@/lib/risk/manage-risk';
import { listRecentRiskEvents, listRiskListEntriesView, listRuleScopeActivities } from '@/lib/risk/risk-console-view';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Table, Td, Th, Tr } from '@/components/ui/table';
import { LockIcon } from '@/components/console/icons';
import { getConsoleT } from '@/components/console/i18n-server';
import { PageHeader } from '@/components/console/page-header';
import { AddRuleForm } from '@/components/console/risk/add-rule-form';
import { BlacklistPanel } from '@/components/console/risk/blacklist-panel';
import { CsvImportForm } from '@/components/console/risk/csv-import-form';
import { LiveRiskEvents } from '@/components/console/risk/live-risk-events';
import { actionLabel, describeRule } from '@/components/console/risk/risk-labels';
import { DeleteRuleButton, RuleEnabledSwitch } from '@/components/console/risk/rule-controls';
import { requireConsolePage } from '../../../_server/session';
import {
  addRiskListEntriesAction,
  createRiskRuleAction,
  deleteRiskRuleAction,
  importRiskListCsvAction,
  listRiskEventsAction,
  removeRiskListEntryAction,
  setRiskRuleEnabledAction,
} from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getConsoleT();
  return { title: t('Risk') };
}

const actionTone: Record<string, BadgeTone> = {
  block: 'red',
  rate_limited: 'amber',
  force_lose: 'violet',
  hold: 'blue',
};

export default async function RiskPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<{ activity?: string | string[] }>;
}) {
  const [{ tenant }, { activity }] = await Promise.all([params, searchParams]);
  const ctx = await requireConsolePage(tenant);
  const t = await getConsoleT();
  // English sentences are spaced apart; Chinese ones follow their full stop directly.
  const gap = t.locale === 'en' ? ' ' : '';
  const activityFilter = typeof activity === 'string' && activity ? activity : null;
  const [rules, lists, activities, events] = await Promise.all([
    listRiskRules(ctx.tenantId),
    listRiskListEntriesView(ctx.tenantId),
    listRuleScopeActivities(ctx.tenantId),
    listRecentRiskEvents(ctx.tenantId, activityFilter ? { activityId: activityFilter } : {}),
  ]);
  const canEdit = roleAtLeast(ctx.role, 'OPERATOR');
  const blacklistActive = rules.some((r) => r.kind === 'blacklist' && r.enabled);
  const slug = ctx.tenantSlug;

  return (
    <div className="space-y-10">
      <PageHeader
        title={t('Risk')}
        description={t(
          'Real-time protection against abuse: rules checked on every draw, blacklists of users, devices and IPs, and the draws they stopped.',
        )}
      />
      {canEdit ? null : (
        <p
          data-testid="read-only-notice"
          className="flex items-start gap-3 rounded-lg border border-zinc-200 bg-zinc-50 px-4 py-3 text-sm text-zinc-700"
        >
          <LockIcon className="mt-0.5 size-4 shrink-0 text-zinc-500" />
          <span>
            {t(
              'You can view risk settings but not change them: your role is Analyst. Ask an owner or operator of this tenant to add rules or blacklist entries.',
            )}
          </span>
        </p>
      )}

      <Section
        id="section-rules"
        title={t('Rules')}
        description={t(
          'Each rule applies to every activity or to one; a hit blocks the draw, rate-limits it, forces a loss or holds the win for review.',
        )}
      >
        <div className="space-y-6">
          {rules.length === 0 ? (
            <p className="rounded-xl border border-dashed border-zinc-300 bg-zinc-50/60 px-6 py-10 text-center text-sm text-zinc-600">
              {t('No rules yet: every draw is allowed.')}
              {canEdit ? `${gap}${t('Add a rule to start checking draws.')}` : ''}
            </p>
          ) : (
            <Table label={t('Risk rules')}>
              <thead>
                <tr>
                  <Th>{t('Rule')}</Th>
                  <Th>{t('Applies to')}</Th>
                  <Th>{t('Action')}</Th>
                  <Th>{t('Enabled')}</Th>
                  {canEdit ? (
                    <Th>
                      <span className="sr-only">{t('Actions')}</span>
                    </Th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {rules.map((r) => {
                  const label = describeRule(r.kind, r.params, t);
                  return (
                    <Tr key={r.id}>
                      <Td className="font-medium text-zinc-900">{label}</Td>
                      <Td className="max-w-56 truncate">
                        {r.activityName ?? <span className="text-zinc-600">{t('All activities')}</span>}
                      </Td>
                      <Td>
                        <Badge tone={actionTone[r.action] ?? 'neutral'}>{actionLabel(t, r.action)}</Badge>
                      </Td>
                      <Td>
                        <RuleEnabledSwitch
                          label={label}
                          enabled={r.enabled}
                          readOnly={!canEdit}
                          setEnabledAction={canEdit ? setRiskRuleEnabledAction.bind(null, slug, r.id) : undefined}
                        />
                      </Td>
                      {canEdit ? (
                        <Td className="w-px text-right">
                          <DeleteRuleButton label={label} deleteAction={deleteRiskRuleAction.bind(null, slug, r.id)} />
                        </Td>
                      ) : null}
                    </Tr>
                  );
                })}
              </tbody>
            </Table>
          )}
          {canEdit ? (
            <AddRuleForm activities={activities} createAction={createRiskRuleAction.bind(null, slug)} />
          ) : null}
        </div>
      </Section>

      <Section
        id="section-blacklists"
        title={t('Blacklists')}
        description={t('Users, devices and IP addresses refused by the blacklist rule.')}
      >
        {blacklistActive ? null : (
          <p
            role="note"
            data-testid="blacklist-inactive"
            className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
          >
            <span className="font-medium">{t('No blacklist rule is enabled')}</span>
            {t(', so these entries do not act on draws yet.')}
            {canEdit ? `${gap}${t('Add a rule of kind “Blacklist” above, or switch an existing one on.')}` : ''}
          </p>
        )}
        <BlacklistPanel
          entries={lists.items}
          totals={lists.totals}
          canEdit={canEdit}
          addAction={addRiskListEntriesAction.bind(null, slug)}
          removeAction={removeRiskListEntryAction.bind(null, slug)}
        />
        {canEdit ? <CsvImportForm importAction={importRiskListCsvAction.bind(null, slug)} /> : null}
      </Section>

      <Section
        id="section-recent-risk-events"
        title={t('Recent risk events')}
        description={t('Draws that a rule stopped, limited, forced to lose or held, newest first.')}
      >
        <LiveRiskEvents
          initialEvents={events}
          initialActivityId={activityFilter}
          activities={activities}
          listAction={listRiskEventsAction.bind(null, slug)}
        />
      </Section>
    </div>
  );
}

function Section({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="space-y-4">
      <div>
        <h2 id={id} className="text-base font-semibold text-zinc-950">
          {title}
        </h2>
        <p className="mt-0.5 text-sm text-zinc-600">{description}</p>
      </div>
      {children}
    </section>
  );
}

import type { Metadata } from 'next';
import Form from 'next/form';
import Link from 'next/link';
import { roleAtLeast } from '@/lib/auth/console-guard';
import { AppError } from '@/lib/errors';
import { lookUpUser, type UserLookup } from '@/lib/support/look-up-user';
import { Badge } from '@/components/ui/badge';
import { Table, Td, Th, Tr } from '@/components/ui/table';
import { buttonClasses } from '@/components/ui/button-classes';
import { FilterInput } from '@/components/console/filter-fields';
import { EmptyState } from '@/components/console/empty-state';
import { UserIcon } from '@/components/console/icons';
import { PageHeader } from '@/components/console/page-header';
import { Timestamp } from '@/components/console/timestamp';
import { getConsoleT } from '@/components/console/i18n-server';
import { winStatusLabel } from '@/components/console/winners/win-status';
import { requireConsolePage } from '../../../_server/session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getConsoleT();
  return { title: t('Players') };
}

/** Support's lookup of one player ("why didn't I win?"): ?user=<the host app's user id>. */
export default async function PlayersPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ tenant }, raw] = await Promise.all([params, searchParams]);
  const ctx = await requireConsolePage(tenant);
  const t = await getConsoleT();
  const userId = typeof raw.user === 'string' ? raw.user : '';
  const base = `/t/${ctx.tenantSlug}/players`;
  let lookup: UserLookup | null = null;
  let problem: string | null = null;
  if (userId) {
    try {
      lookup = await lookUpUser(ctx.tenantId, userId, { masked: !roleAtLeast(ctx.role, 'OPERATOR') });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      problem = err.message;
    }
  }
  const names = new Map(lookup?.activities.map((a) => [a.id, a.name]));
  const activityName = (id: string | null) => (id ? (names.get(id) ?? id) : '—');

  return (
    <div className="space-y-6">
      <PageHeader
        title={t('Players')}
        description={t(
          "One player's draws, chances, prizes and risk events in this tenant, with the reason each draw ended as it did: the answer to “why didn't I win?”.",
        )}
      />
      <Form
        action={base}
        aria-label={t('Look up a player')}
        className="flex flex-wrap items-end gap-3 rounded-xl border border-zinc-200 bg-zinc-50/60 p-4"
      >
        <FilterInput
          id="player-id"
          name="user"
          label={t('User id (as the host app sends it)')}
          value={userId}
          mono
          required
          maxLength={128}
          className="w-96"
        />
        <button type="submit" className={buttonClasses('primary')}>
          {t('Look up')}
        </button>
      </Form>
      {problem ? (
        <p role="alert" className="text-sm text-red-700">
          {problem}
        </p>
      ) : null}
      {lookup && lookup.activities.length === 0 && lookup.riskEvents.length === 0 ? (
        <EmptyState icon={UserIcon} title={t('No records of this player')}>
          <p>
            {t(
              'No draw, chance, prize or risk event of {user} in this tenant. User ids are matched exactly, case included.',
              { user: lookup.userId },
            )}
          </p>
        </EmptyState>
      ) : null}
      {lookup && lookup.activities.length > 0 ? (
        <>
          <Section title={t('Activities played')}>
            <Table label={t('Activities played')}>
              <thead>
                <tr>
                  <Th>{t('Activity')}</Th>
                  <Th className="text-right">{t('Draws')}</Th>
                  <Th className="text-right">{t('Wins')}</Th>
                  <Th className="text-right">{t('Chances earned')}</Th>
                  <Th>{t('First draw')}</Th>
                </tr>
              </thead>
              <tbody>
                {lookup.activities.map((a) => (
                  <Tr key={a.id}>
                    <Td>
                      <Link href={`/t/${ctx.tenantSlug}/activities/${a.id}`} className="font-medium hover:underline">
                        {a.name}
                      </Link>
                    </Td>
                    <Td className="text-right tabular-nums">{t.number(a.draws)}</Td>
                    <Td className="text-right tabular-nums">{t.number(a.wins)}</Td>
                    <Td className="text-right tabular-nums">{t.number(a.granted)}</Td>
                    <Td>{a.firstDrawAt ? <Timestamp iso={a.firstDrawAt} /> : '—'}</Td>
                  </Tr>
                ))}
              </tbody>
            </Table>
          </Section>
          <Section title={t('Draws')} note={t('The newest 100, each with what decided it.')}>
            <Table label={t('Draws')}>
              <thead>
                <tr>
                  <Th>{t('When')}</Th>
                  <Th>{t('Activity')}</Th>
                  <Th>{t('Outcome')}</Th>
                  <Th>{t('Why')}</Th>
                  <Th>{t('Chance')}</Th>
                  <Th className="text-right">{t('Config version')}</Th>
                </tr>
              </thead>
              <tbody>
                {lookup.draws.map((d) => (
                  <Tr key={d.id}>
                    <Td>
                      <Timestamp iso={d.at} />
                    </Td>
                    <Td>{activityName(d.activityId)}</Td>
                    <Td>
                      {d.outcome === 'WIN' ? (
                        <Badge tone="green">{t('Won {tier}', { tier: d.tier ?? '' })}</Badge>
                      ) : (
                        <Badge tone="neutral">{t('No prize')}</Badge>
                      )}
                    </Td>
                    <Td className="max-w-md text-sm text-zinc-700">{d.why}</Td>
                    <Td className="text-sm">{d.chance}</Td>
                    <Td className="text-right tabular-nums">{d.configVersion ?? '—'}</Td>
                  </Tr>
                ))}
              </tbody>
            </Table>
          </Section>
          <Section
            title={t('Chances earned')}
            note={t('Tasks and host-app events that granted draws; free daily draws are not listed.')}
          >
            {lookup.grants.length === 0 ? (
              <p className="text-sm text-zinc-600">{t('None: this player drew with free draws only.')}</p>
            ) : (
              <Table label={t('Chances earned')}>
                <thead>
                  <tr>
                    <Th>{t('When')}</Th>
                    <Th>{t('Activity')}</Th>
                    <Th>{t('Source')}</Th>
                    <Th className="text-right">{t('Chances')}</Th>
                  </tr>
                </thead>
                <tbody>
                  {lookup.grants.map((g, i) => (
                    <Tr key={i}>
                      <Td>
                        <Timestamp iso={g.at} />
                      </Td>
                      <Td>{activityName(g.activityId)}</Td>
                      <Td className="text-sm">{g.task ? `${g.task} (${g.source})` : g.source}</Td>
                      <Td className="text-right tabular-nums">+{g.chances}</Td>
                    </Tr>
                  ))}
                </tbody>
              </Table>
            )}
          </Section>
          <Section title={t('Prizes')}>
            {lookup.wins.length === 0 ? (
              <p className="text-sm text-zinc-600">{t('No prize won.')}</p>
            ) : (
              <Table label={t('Prizes')}>
                <thead>
                  <tr>
                    <Th>{t('Won')}</Th>
                    <Th>{t('Activity')}</Th>
                    <Th>{t('Prize')}</Th>
                    <Th>{t('Status')}</Th>
                    <Th>{t('Claim')}</Th>
                  </tr>
                </thead>
                <tbody>
                  {lookup.wins.map((w) => (
                    <Tr key={w.winId}>
                      <Td>
                        <Timestamp iso={w.wonAt} />
                      </Td>
                      <Td>{activityName(w.activityId)}</Td>
                      <Td>
                        {w.prize.name}
                        {w.quantity > 1 ? ` × ${w.quantity}` : ''}
                      </Td>
                      <Td>
                        <Badge tone="neutral">
                          {/* English shows the status code as support reads it in the API; others its name. */}
                          {t.locale === 'en' ? w.status : t(winStatusLabel[w.status])}
                        </Badge>
                      </Td>
                      <Td className="text-sm">
                        {w.claim ? `${w.claim.name ?? ''} · ${w.claim.phone ?? ''}` : '—'}
                        {w.shipment ? ` · ${w.shipment.carrier} ${w.shipment.trackingNumber}` : ''}
                      </Td>
                    </Tr>
                  ))}
                </tbody>
              </Table>
            )}
          </Section>
        </>
      ) : null}
      {lookup && lookup.riskEvents.length > 0 ? (
        <Section title={t('Risk events')} note={t("Risk rules that acted on this player's requests.")}>
          <Table label={t('Risk events')}>
            <thead>
              <tr>
                <Th>{t('When')}</Th>
                <Th>{t('Activity')}</Th>
                <Th>{t('Rule')}</Th>
                <Th>{t('Action')}</Th>
              </tr>
            </thead>
            <tbody>
              {lookup.riskEvents.map((r, i) => (
                <Tr key={i}>
                  <Td>
                    <Timestamp iso={r.at} />
                  </Td>
                  <Td>{activityName(r.activityId)}</Td>
                  <Td className="text-sm">{r.kind}</Td>
                  <Td className="text-sm">{r.action}</Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        </Section>
      ) : null}
    </div>
  );
}

function Section({ title, note, children }: { title: string; note?: string; children: React.ReactNode }) {
  return (
    <section className="space-y-2" aria-label={title}>
      <h2 className="text-base font-semibold text-zinc-900">{title}</h2>
      {note ? <p className="text-sm text-zinc-600">{note}</p> : null}
      {children}
    </section>
  );
}

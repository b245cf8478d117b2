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
import { requireConsolePage } from '../../../_server/session';

export const metadata: Metadata = { title: 'Players' };

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
        title="Players"
        description="One player's draws, chances, prizes and risk events in this tenant, with the reason each draw ended as it did: the answer to “why didn't I win?”."
      />
      <Form
        action={base}
        aria-label="Look up a player"
        className="flex flex-wrap items-end gap-3 rounded-xl border border-zinc-200 bg-zinc-50/60 p-4"
      >
        <FilterInput
          id="player-id"
          name="user"
          label="User id (as the host app sends it)"
          value={userId}
          mono
          required
          maxLength={128}
          className="w-96"
        />
        <button type="submit" className={buttonClasses('primary')}>
          Look up
        </button>
      </Form>
      {problem ? (
        <p role="alert" className="text-sm text-red-700">
          {problem}
        </p>
      ) : null}
      {lookup && lookup.activities.length === 0 && lookup.riskEvents.length === 0 ? (
        <EmptyState icon={UserIcon} title="No records of this player">
          <p>
            No draw, chance, prize or risk event of <span className="font-mono">{lookup.userId}</span> in this tenant.
            User ids are matched exactly, case included.
          </p>
        </EmptyState>
      ) : null}
      {lookup && lookup.activities.length > 0 ? (
        <>
          <Section title="Activities played">
            <Table label="Activities played">
              <thead>
                <tr>
                  <Th>Activity</Th>
                  <Th className="text-right">Draws</Th>
                  <Th className="text-right">Wins</Th>
                  <Th className="text-right">Chances earned</Th>
                  <Th>First draw</Th>
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
                    <Td className="text-right tabular-nums">{a.draws}</Td>
                    <Td className="text-right tabular-nums">{a.wins}</Td>
                    <Td className="text-right tabular-nums">{a.granted}</Td>
                    <Td>{a.firstDrawAt ? <Timestamp iso={a.firstDrawAt} /> : '—'}</Td>
                  </Tr>
                ))}
              </tbody>
            </Table>
          </Section>
          <Section title="Draws" note="The newest 100, each with what decided it.">
            <Table label="Draws">
              <thead>
                <tr>
                  <Th>When</Th>
                  <Th>Activity</Th>
                  <Th>Outcome</Th>
                  <Th>Why</Th>
                  <Th>Chance</Th>
                  <Th className="text-right">Config version</Th>
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
                        <Badge tone="green">Won {d.tier}</Badge>
                      ) : (
                        <Badge tone="neutral">No prize</Badge>
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
            title="Chances earned"
            note="Tasks and host-app events that granted draws; free daily draws are not listed."
          >
            {lookup.grants.length === 0 ? (
              <p className="text-sm text-zinc-600">None: this player drew with free draws only.</p>
            ) : (
              <Table label="Chances earned">
                <thead>
                  <tr>
                    <Th>When</Th>
                    <Th>Activity</Th>
                    <Th>Source</Th>
                    <Th className="text-right">Chances</Th>
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
          <Section title="Prizes">
            {lookup.wins.length === 0 ? (
              <p className="text-sm text-zinc-600">No prize won.</p>
            ) : (
              <Table label="Prizes">
                <thead>
                  <tr>
                    <Th>Won</Th>
                    <Th>Activity</Th>
                    <Th>Prize</Th>
                    <Th>Status</Th>
                    <Th>Claim</Th>
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
                        <Badge tone="neutral">{w.status}</Badge>
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
        <Section title="Risk events" note="Risk rules that acted on this player's requests.">
          <Table label="Risk events">
            <thead>
              <tr>
                <Th>When</Th>
                <Th>Activity</Th>
                <Th>Rule</Th>
                <Th>Action</Th>
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

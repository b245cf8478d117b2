'use client';

// Outbound webhooks: owners add an endpoint (its signing secret shown once), turn endpoints off and
// on, and resend a delivery from the log; everyone else reads. Each delivery opens onto every attempt
// made (time, answer, latency, error). The server checks every field (lib/webhooks/schemas.ts) and
// refuses private addresses; errors come back as the action's message.
import { Fragment, useId, useState, useTransition, type FormEvent } from 'react';
import type { ActionResult } from '@/lib/http/action-result';
import type { WebhookAttemptDto, WebhookDeliveryDto } from '@/lib/webhooks/manage-deliveries';
import type { WebhookEndpointDto } from '@/lib/webhooks/manage-endpoints';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button-classes';
import { inputClasses } from '@/components/ui/dialog';
import { Spinner } from '@/components/ui/spinner';
import { Table, Td, Th, Tr } from '@/components/ui/table';
import { useToast } from '@/components/ui/toast';
import { useT } from '../i18n';
import { richText } from '../rich-text';
import { Timestamp } from '../timestamp';
import { msg } from '@/lib/i18n/console/translator';
import { OneTimeReveal } from './one-time-reveal';

/** An example, written the same in every language. */
const EXAMPLE_URL = 'https://app.example.com/hooks/lottery';

export type WebhookEndpointView = WebhookEndpointDto & { deliveries: WebhookDeliveryDto[] };

export type WebhookActions = {
  create: (input: {
    url: string;
    events: string[];
    fulfilment: boolean;
  }) => Promise<ActionResult<{ endpoint: WebhookEndpointDto; secret: string }>>;
  setEnabled: (endpointId: string, enabled: boolean) => Promise<ActionResult<{ endpoint: WebhookEndpointDto }>>;
  resend: (endpointId: string, deliveryId: string) => Promise<ActionResult<{ delivery: WebhookDeliveryDto }>>;
};

export function WebhooksPanel({
  endpoints,
  eventTypes,
  actions,
}: {
  endpoints: WebhookEndpointView[];
  eventTypes: readonly string[];
  actions: WebhookActions | null;
}) {
  const [revealed, setRevealed] = useState<{ url: string; secret: string } | null>(null);
  const t = useT();
  return (
    <div className="space-y-4" data-testid="webhooks-panel">
      {actions ? <AddEndpointForm eventTypes={eventTypes} create={actions.create} onCreated={setRevealed} /> : null}
      {revealed ? (
        <OneTimeReveal
          title={t('Signing secret of the new endpoint')}
          value={revealed.secret}
          label={t('Signing secret')}
          testId="webhook-secret"
          onDone={() => setRevealed(null)}
        >
          {richText(
            t(
              'Deliveries to {url} carry X-Signature: sha256=HMAC of "timestamp.body" with this secret. Copy it now: it is not shown again.',
            ),
            { url: <span className="font-mono">{revealed.url}</span> },
          )}
        </OneTimeReveal>
      ) : null}
      {endpoints.length === 0 ? (
        <p
          className="rounded-lg border border-dashed border-zinc-300 px-6 py-8 text-center text-sm text-zinc-600"
          data-testid="webhooks-empty"
        >
          {t('No endpoints: the host app hears of no win, shipment or alert.')}
        </p>
      ) : (
        endpoints.map((e) => <EndpointCard key={e.id} endpoint={e} actions={actions} />)
      )}
    </div>
  );
}

function AddEndpointForm({
  eventTypes,
  create,
  onCreated,
}: {
  eventTypes: readonly string[];
  create: WebhookActions['create'];
  onCreated: (r: { url: string; secret: string }) => void;
}) {
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>(['win.created']);
  const [fulfilment, setFulfilment] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const toast = useToast();
  const t = useT();
  const id = useId();

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    startTransition(async () => {
      const result = await create({ url: url.trim(), events, fulfilment });
      if (result.ok) {
        onCreated({ url: result.data.endpoint.url, secret: result.data.secret });
        setUrl('');
        setError(null);
        toast.success(t('Webhook endpoint added'), result.data.endpoint.url);
      } else {
        setError(result.error.message);
      }
    });
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-label={t('Add a webhook endpoint')}
      data-testid="webhook-form"
      className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4"
    >
      <div>
        <label htmlFor={`${id}-url`} className="block text-sm font-medium text-zinc-800">
          {t('Endpoint URL')}
        </label>
        <input
          id={`${id}-url`}
          value={url}
          onChange={(e) => {
            setUrl(e.target.value);
            setError(null);
          }}
          placeholder={EXAMPLE_URL}
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          className={`${inputClasses} mt-1 font-mono`}
        />
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-zinc-800">{t('Events')}</legend>
        <div className="mt-1 grid grid-cols-4 gap-x-4 gap-y-1">
          {eventTypes.map((type) => (
            <label key={type} className="flex items-center gap-2 text-sm text-zinc-700">
              <input
                type="checkbox"
                checked={events.includes(type)}
                onChange={(e) =>
                  setEvents((now) => (e.target.checked ? [...now, type] : now.filter((other) => other !== type)))
                }
              />
              <span className="font-mono text-xs">{type}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <label className="flex items-center gap-2 text-sm text-zinc-700">
        <input type="checkbox" checked={fulfilment} onChange={(e) => setFulfilment(e.target.checked)} />
        {t(
          'Fulfilment endpoint: a virtual or points win is delivered when this endpoint answers 2xx to its win.created',
        )}
      </label>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={pending || !url.trim() || events.length === 0}
        className={buttonClasses('primary')}
      >
        {pending ? <Spinner /> : null}
        {pending ? t('Adding…') : t('Add endpoint')}
      </button>
    </form>
  );
}

const deliveryTone = { PENDING: 'amber', DELIVERED: 'green', FAILED: 'red' } as const;
const attemptsOf = (d: WebhookDeliveryDto) => ({ count: d.attempts, event: `${d.type} ${d.eventId.slice(0, 8)}` });
const deliveryStatus = { PENDING: msg('pending'), DELIVERED: msg('delivered'), FAILED: msg('failed') } as const;

function EndpointCard({ endpoint, actions }: { endpoint: WebhookEndpointView; actions: WebhookActions | null }) {
  const [enabled, setEnabled] = useState(endpoint.enabled);
  const [deliveries, setDeliveries] = useState(endpoint.deliveries);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggleAttempts = (deliveryId: string) =>
    setOpen((now) => {
      const next = new Set(now);
      if (!next.delete(deliveryId)) next.add(deliveryId);
      return next;
    });
  const columns = actions ? 7 : 6;
  const [pending, startTransition] = useTransition();
  const toast = useToast();
  const t = useT();

  const toggle = () =>
    startTransition(async () => {
      const result = await actions!.setEnabled(endpoint.id, !enabled);
      if (result.ok) setEnabled(result.data.endpoint.enabled);
      else toast.error(t('Not changed'), result.error.message);
    });
  const resend = (deliveryId: string) =>
    startTransition(async () => {
      const result = await actions!.resend(endpoint.id, deliveryId);
      if (result.ok) {
        setDeliveries((now) => now.map((d) => (d.id === deliveryId ? result.data.delivery : d)));
        toast.success(t('Delivery queued again'), t('It is sent with the same event id.'));
      } else toast.error(t('Not resent'), result.error.message);
    });

  return (
    <section
      className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4"
      aria-label={t('Webhook endpoint {url}', { url: endpoint.url })}
      data-testid="webhook-endpoint"
    >
      <div className="flex items-start justify-between gap-4">
        <div className="min-w-0">
          <p className="truncate font-mono text-sm text-zinc-900">{endpoint.url}</p>
          <p className="mt-1 text-xs text-zinc-600">
            {endpoint.events.join(', ')} · {t('secret')}{' '}
            <span className="font-mono">{endpoint.secretFingerprint}…</span>
            {endpoint.fulfilment ? ` · ${t('fulfilment')}` : ''}
          </p>
          {endpoint.disabledReason && !enabled ? (
            <p className="mt-1 text-xs text-red-700">
              {t('Disabled by the platform: {reason}', { reason: endpoint.disabledReason })}
            </p>
          ) : null}
        </div>
        <div className="flex shrink-0 items-center gap-2">
          {enabled ? <Badge tone="green">{t('Enabled')}</Badge> : <Badge tone="neutral">{t('Disabled')}</Badge>}
          {actions ? (
            <button type="button" onClick={toggle} disabled={pending} className={buttonClasses('secondary', 'sm')}>
              {enabled ? t('Disable') : t('Enable')}
            </button>
          ) : null}
        </div>
      </div>
      {deliveries.length === 0 ? (
        <p className="text-sm text-zinc-500">{t('No deliveries yet.')}</p>
      ) : (
        <Table label={t('Deliveries to {url}', { url: endpoint.url })}>
          <thead>
            <tr>
              <Th>{t('Event')}</Th>
              <Th>{t('Status')}</Th>
              <Th className="text-right">{t('Attempts')}</Th>
              <Th className="text-right">{t('Last answer')}</Th>
              <Th className="text-right">{t('Latency')}</Th>
              <Th>{t('Created')}</Th>
              {actions ? (
                <Th>
                  <span className="sr-only">{t('Actions')}</span>
                </Th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {deliveries.map((d) => (
              <Fragment key={d.id}>
                <Tr>
                  <Td>
                    <span className="font-mono text-xs text-zinc-900">{d.type}</span>
                    <span className="block font-mono text-[11px] text-zinc-500" title={d.eventId}>
                      {d.eventId.slice(0, 8)}…
                    </span>
                  </Td>
                  <Td>
                    <Badge tone={deliveryTone[d.status]}>{t(deliveryStatus[d.status])}</Badge>
                    {d.lastError ? <span className="mt-0.5 block text-xs text-zinc-500">{d.lastError}</span> : null}
                  </Td>
                  <Td className="text-right tabular-nums">
                    {d.attemptLog.length > 0 ? (
                      <button
                        type="button"
                        onClick={() => toggleAttempts(d.id)}
                        aria-expanded={open.has(d.id)}
                        aria-controls={`attempts-${d.id}`}
                        aria-label={
                          open.has(d.id)
                            ? t('Hide the {count} attempts of {event}', attemptsOf(d))
                            : t('Show the {count} attempts of {event}', attemptsOf(d))
                        }
                        className="inline-flex items-center gap-1 rounded px-1 font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500"
                      >
                        {d.attempts}
                        <span aria-hidden="true">{open.has(d.id) ? '▴' : '▾'}</span>
                      </button>
                    ) : (
                      d.attempts
                    )}
                  </Td>
                  <Td className="text-right tabular-nums">{d.lastStatusCode ?? '—'}</Td>
                  <Td className="text-right tabular-nums">
                    {d.lastLatencyMs === null ? '—' : t('{ms} ms', { ms: String(d.lastLatencyMs) })}
                  </Td>
                  <Td className="text-zinc-700">
                    <Timestamp iso={d.createdAt} />
                  </Td>
                  {actions ? (
                    <Td className="w-px text-right">
                      <button
                        type="button"
                        onClick={() => resend(d.id)}
                        disabled={pending}
                        className={buttonClasses('ghost', 'sm')}
                      >
                        {t('Resend')}
                      </button>
                    </Td>
                  ) : null}
                </Tr>
                {open.has(d.id) ? (
                  <tr id={`attempts-${d.id}`}>
                    <td colSpan={columns} className="border-b border-zinc-100 bg-zinc-50 px-4 py-3">
                      <AttemptLog
                        attempts={d.attemptLog}
                        label={t('Attempts of {event}', { event: `${d.type} ${d.eventId.slice(0, 8)}` })}
                      />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}

function AttemptLog({ attempts, label }: { attempts: WebhookAttemptDto[]; label: string }) {
  const t = useT();
  return (
    <table aria-label={label} className="w-full text-left text-xs" data-testid="delivery-attempts">
      <thead>
        <tr className="text-zinc-600">
          <th scope="col" className="py-1 pr-4 font-medium">
            {t('Attempt')}
          </th>
          <th scope="col" className="py-1 pr-4 font-medium">
            {t('At')}
          </th>
          <th scope="col" className="py-1 pr-4 font-medium">
            {t('Status')}
          </th>
          <th scope="col" className="py-1 pr-4 text-right font-medium">
            {t('Code')}
          </th>
          <th scope="col" className="py-1 pr-4 text-right font-medium">
            {t('Latency')}
          </th>
          <th scope="col" className="py-1 font-medium">
            {t('Error')}
          </th>
        </tr>
      </thead>
      <tbody>
        {attempts.map((a) => {
          const ok = a.statusCode !== null && a.statusCode >= 200 && a.statusCode < 300;
          return (
            <tr key={a.attempt} className="border-t border-zinc-200">
              <td className="py-1 pr-4 tabular-nums text-zinc-900">#{a.attempt}</td>
              <td className="py-1 pr-4 text-zinc-700">
                <Timestamp iso={a.at} />
              </td>
              <td className="py-1 pr-4">
                <Badge tone={ok ? 'green' : 'red'}>{ok ? t('delivered') : t('failed')}</Badge>
              </td>
              <td className="py-1 pr-4 text-right tabular-nums text-zinc-900">{a.statusCode ?? '—'}</td>
              <td className="py-1 pr-4 text-right tabular-nums text-zinc-900">
                {t('{ms} ms', { ms: String(a.latencyMs) })}
              </td>
              <td className="py-1 text-zinc-700">{a.error ?? ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

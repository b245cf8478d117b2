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
import { Timestamp } from '../timestamp';
import { OneTimeReveal } from './one-time-reveal';

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
  return (
    <div className="space-y-4" data-testid="webhooks-panel">
      {actions ? <AddEndpointForm eventTypes={eventTypes} create={actions.create} onCreated={setRevealed} /> : null}
      {revealed ? (
        <OneTimeReveal
          title="Signing secret of the new endpoint"
          value={revealed.secret}
          label="Signing secret"
          testId="webhook-secret"
          onDone={() => setRevealed(null)}
        >
          Deliveries to <span className="font-mono">{revealed.url}</span> carry X-Signature: sha256=HMAC of
          &quot;timestamp.body&quot; with this secret. Copy it now: it is not shown again.
        </OneTimeReveal>
      ) : null}
      {endpoints.length === 0 ? (
        <p
          className="rounded-lg border border-dashed border-zinc-300 px-6 py-8 text-center text-sm text-zinc-600"
          data-testid="webhooks-empty"
        >
          No endpoints: the host app hears of no win, shipment or alert.
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
  const id = useId();

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    startTransition(async () => {
      const result = await create({ url: url.trim(), events, fulfilment });
      if (result.ok) {
        onCreated({ url: result.data.endpoint.url, secret: result.data.secret });
        setUrl('');
        setError(null);
        toast.success('Webhook endpoint added', result.data.endpoint.url);
      } else {
        setError(result.error.message);
      }
    });
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-label="Add a webhook endpoint"
      data-testid="webhook-form"
      className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4"
    >
      <div>
        <label htmlFor={`${id}-url`} className="block text-sm font-medium text-zinc-800">
          Endpoint URL
        </label>
        <input
          id={`${id}-url`}
          value={url}
          onChange={(e) => {
            setUrl(e.target.value);
            setError(null);
          }}
          placeholder="https://app.example.com/hooks/lottery"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          className={`${inputClasses} mt-1 font-mono`}
        />
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-zinc-800">Events</legend>
        <div className="mt-1 grid grid-cols-4 gap-x-4 gap-y-1">
          {eventTypes.map((type) => (
            <label key={type} className="flex items-center gap-2 text-sm text-zinc-700">
              <input
                type="checkbox"
                checked={events.includes(type)}
                onChange={(e) =>
                  setEvents((now) => (e.target.checked ? [...now, type] : now.filter((t) => t !== type)))
                }
              />
              <span className="font-mono text-xs">{type}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <label className="flex items-center gap-2 text-sm text-zinc-700">
        <input type="checkbox" checked={fulfilment} onChange={(e) => setFulfilment(e.target.checked)} />
        Fulfilment endpoint: a virtual or points win is delivered when this endpoint answers 2xx to its win.created
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
        {pending ? 'Adding…' : 'Add endpoint'}
      </button>
    </form>
  );
}

const deliveryTone = { PENDING: 'amber', DELIVERED: 'green', FAILED: 'red' } as const;

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

  const toggle = () =>
    startTransition(async () => {
      const result = await actions!.setEnabled(endpoint.id, !enabled);
      if (result.ok) setEnabled(result.data.endpoint.enabled);
      else toast.error('Not changed', result.error.message);
    });
  const resend = (deliveryId: string) =>
    startTransition(async () => {
      const result = await actions!.resend(endpoint.id, deliveryId);
      if (result.ok) {
        setDeliveries((now) => now.map((d) => (d.id === deliveryId ? result.data.delivery : d)));
        toast.success('Delivery queued again', 'It is sent with the same event id.');
      } else toast.error('Not resent', result.error.message);
    });

  return (
    <section
      className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4"
      aria-label={`Webhook endpoint ${endpoint.url}`}
      data-testid="webhook-endpoint"
    >
      <div className="flex items-start justify-between gap-4">
        <div className="min-w-0">
          <p className="truncate font-mono text-sm text-zinc-900">{endpoint.url}</p>
          <p className="mt-1 text-xs text-zinc-600">
            {endpoint.events.join(', ')} · secret <span className="font-mono">{endpoint.secretFingerprint}…</span>
            {endpoint.fulfilment ? ' · fulfilment' : ''}
          </p>
          {endpoint.disabledReason && !enabled ? (
            <p className="mt-1 text-xs text-red-700">Disabled by the platform: {endpoint.disabledReason}</p>
          ) : null}
        </div>
        <div className="flex shrink-0 items-center gap-2">
          {enabled ? <Badge tone="green">Enabled</Badge> : <Badge tone="neutral">Disabled</Badge>}
          {actions ? (
            <button type="button" onClick={toggle} disabled={pending} className={buttonClasses('secondary', 'sm')}>
              {enabled ? 'Disable' : 'Enable'}
            </button>
          ) : null}
        </div>
      </div>
      {deliveries.length === 0 ? (
        <p className="text-sm text-zinc-500">No deliveries yet.</p>
      ) : (
        <Table label={`Deliveries to ${endpoint.url}`}>
          <thead>
            <tr>
              <Th>Event</Th>
              <Th>Status</Th>
              <Th className="text-right">Attempts</Th>
              <Th className="text-right">Last answer</Th>
              <Th className="text-right">Latency</Th>
              <Th>Created</Th>
              {actions ? (
                <Th>
                  <span className="sr-only">Actions</span>
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
                    <Badge tone={deliveryTone[d.status]}>{d.status.toLowerCase()}</Badge>
                    {d.lastError ? <span className="mt-0.5 block text-xs text-zinc-500">{d.lastError}</span> : null}
                  </Td>
                  <Td className="text-right tabular-nums">
                    {d.attemptLog.length > 0 ? (
                      <button
                        type="button"
                        onClick={() => toggleAttempts(d.id)}
                        aria-expanded={open.has(d.id)}
                        aria-controls={`attempts-${d.id}`}
                        aria-label={`${open.has(d.id) ? 'Hide' : 'Show'} the ${d.attempts} attempts of ${d.type} ${d.eventId.slice(0, 8)}`}
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
                    {d.lastLatencyMs === null ? '—' : `${d.lastLatencyMs} ms`}
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
                        Resend
                      </button>
                    </Td>
                  ) : null}
                </Tr>
                {open.has(d.id) ? (
                  <tr id={`attempts-${d.id}`}>
                    <td colSpan={columns} className="border-b border-zinc-100 bg-zinc-50 px-4 py-3">
                      <AttemptLog attempts={d.attemptLog} label={`Attempts of ${d.type} ${d.eventId.slice(0, 8)}`} />
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
  return (
    <table aria-label={label} className="w-full text-left text-xs" data-testid="delivery-attempts">
      <thead>
        <tr className="text-zinc-600">
          <th scope="col" className="py-1 pr-4 font-medium">
            Attempt
          </th>
          <th scope="col" className="py-1 pr-4 font-medium">
            At
          </th>
          <th scope="col" className="py-1 pr-4 font-medium">
            Status
          </th>
          <th scope="col" className="py-1 pr-4 text-right font-medium">
            Code
          </th>
          <th scope="col" className="py-1 pr-4 text-right font-medium">
            Latency
          </th>
          <th scope="col" className="py-1 font-medium">
            Error
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
                <Badge tone={ok ? 'green' : 'red'}>{ok ? 'delivered' : 'failed'}</Badge>
              </td>
              <td className="py-1 pr-4 text-right tabular-nums text-zinc-900">{a.statusCode ?? '—'}</td>
              <td className="py-1 pr-4 text-right tabular-nums text-zinc-900">{a.latencyMs} ms</td>
              <td className="py-1 text-zinc-700">{a.error ?? ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

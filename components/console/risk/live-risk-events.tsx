'use client';

// Recent risk events, kept fresh without a reload: the table asks the server for the newest
// events every few seconds while the tab is visible. The activity filter is kept in the URL
// so a filtered view can be shared.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { usePathname, useRouter } from 'next/navigation';
import type { ActionResult } from '@/lib/http/action-result';
import type { RiskEventDto } from '@/lib/risk/risk-console-view';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Table, Td, Th, Tr } from '@/components/ui/table';
import { Timestamp } from '@/components/console/timestamp';
import { useT } from '../i18n';
import { actionLabel, ruleKindLabel } from './risk-labels';
import { inputClasses } from './field-classes';

const POLL_MS = 5_000;
const actionTone: Record<string, BadgeTone> = {
  block: 'red',
  rate_limited: 'amber',
  force_lose: 'violet',
  hold: 'blue',
};

export function LiveRiskEvents({
  initialEvents,
  initialActivityId,
  activities,
  listAction,
}: {
  initialEvents: readonly RiskEventDto[];
  initialActivityId: string | null;
  activities: readonly { id: string; name: string }[];
  listAction: (activityId: string | null) => Promise<ActionResult<{ events: RiskEventDto[] }>>;
}) {
  const [events, setEvents] = useState(initialEvents);
  const [activityId, setActivityId] = useState(initialActivityId);
  const [stale, setStale] = useState(false);
  const [updatedAt, setUpdatedAt] = useState<string | null>(null);
  const router = useRouter();
  const pathname = usePathname();
  const id = useId();
  const t = useT();
  const inFlight = useRef(false);

  const refresh = useCallback(
    async (forActivity: string | null) => {
      if (inFlight.current) return;
      inFlight.current = true;
      try {
        const result = await listAction(forActivity);
        if (result.ok) {
          setEvents(result.data.events);
          setStale(false);
          setUpdatedAt(new Date().toISOString());
        } else setStale(true);
      } catch {
        setStale(true);
      } finally {
        inFlight.current = false;
      }
    },
    [listAction],
  );

  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void refresh(activityId);
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [refresh, activityId]);

  function onFilter(next: string) {
    const value = next || null;
    setActivityId(value);
    router.replace(value ? `${pathname}?activity=${value}` : pathname, { scroll: false });
    void refresh(value);
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="w-72">
          <label htmlFor={`${id}-activity`} className="block text-xs font-medium text-zinc-600">
            {t('Activity')}
          </label>
          <select
            id={`${id}-activity`}
            value={activityId ?? ''}
            onChange={(e) => onFilter(e.target.value)}
            className={`mt-1 ${inputClasses}`}
          >
            <option value="">{t('All activities')}</option>
            {activities.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <p className="flex items-center gap-2 text-xs text-zinc-500" aria-live="off">
          <span
            aria-hidden
            className={`size-2 rounded-full ${stale ? 'bg-amber-500' : 'animate-pulse bg-emerald-500'}`}
          />
          {stale
            ? t('Could not refresh; retrying every {seconds} s', { seconds: POLL_MS / 1000 })
            : t('Live · refreshes every {seconds} s', { seconds: POLL_MS / 1000 })}
          {updatedAt ? (
            <span data-testid="events-updated" className="sr-only">
              {t('updated {time}', { time: updatedAt })}
            </span>
          ) : null}
        </p>
      </div>
      <Table
        label={t('Recent risk events')}
        footer={
          <span>
            {events.length === 0
              ? t('No events')
              : t.plural(events.length, 'The newest {count} event', 'The newest {count} events')}
          </span>
        }
      >
        <thead>
          <tr>
            <Th>{t('Time')}</Th>
            <Th>{t('Activity')}</Th>
            <Th>{t('Rule')}</Th>
            <Th>{t('Action')}</Th>
            <Th>{t('User')}</Th>
            <Th>{t('Device / IP')}</Th>
            <Th>{t('Draw')}</Th>
          </tr>
        </thead>
        <tbody>
          {events.length === 0 ? (
            <tr>
              <td colSpan={7} className="px-4 py-10 text-center text-sm text-zinc-600">
                {activityId
                  ? t(
                      'No draws have been blocked, limited, forced to lose or held in this activity yet. They appear here within seconds.',
                    )
                  : t(
                      'No draws have been blocked, limited, forced to lose or held yet. They appear here within seconds.',
                    )}
              </td>
            </tr>
          ) : (
            events.map((e) => (
              <Tr key={e.id}>
                <Td className="text-zinc-600">
                  <Timestamp iso={e.createdAt} />
                </Td>
                <Td className="max-w-48 truncate">{e.activityName ?? <Dash />}</Td>
                <Td className="whitespace-nowrap">{ruleKindLabel(t, e.kind)}</Td>
                <Td>
                  <Badge tone={actionTone[e.action] ?? 'neutral'}>{actionLabel(t, e.action)}</Badge>
                </Td>
                <Td className="max-w-40 truncate font-mono text-[13px]">{e.userId ?? <Dash />}</Td>
                <Td className="max-w-48 font-mono text-[13px]">
                  <span className="block truncate">{e.deviceId ?? <Dash />}</span>
                  <span className="block truncate text-zinc-600">{e.ip ?? <Dash />}</span>
                </Td>
                <Td className="font-mono text-[13px]" title={e.drawId ?? undefined}>
                  {e.drawId ? e.drawId.slice(0, 8) : <Dash />}
                </Td>
              </Tr>
            ))
          )}
        </tbody>
      </Table>
    </div>
  );
}

function Dash() {
  const t = useT();
  return (
    <span className="text-zinc-500">
      <span aria-hidden>—</span>
      <span className="sr-only">{t('none')}</span>
    </span>
  );
}

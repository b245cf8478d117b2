'use client';

// The publish checklist (what publishActivity would refuse, from the last saved draft) and
// the publish button, which asks for confirmation: publishing reserves stock. A publish that
// fails keeps the dialog and the editor as they are, names its request and re-reads the page.
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { ChecklistItem } from '@/lib/activities/publish-checklist';
import type { ActionResult } from '@/lib/http/action-result';
import { useToast } from '@/components/ui/toast';
import { msg } from '@/lib/i18n/console/translator';
import { ActionFailureNote, failureText, runNamedAction, type ActionFailure } from '../action-failure';
import { useT } from '../i18n';
import { nowIn } from './lifecycle-buttons';
import { AlertIcon, CheckIcon } from '../icons';
import { ConfirmButton } from './confirm-dialog';

/** The checklist's items, as lib/activities/publish-checklist.ts names them. */
const checklistLabels: Record<ChecklistItem['id'], string> = {
  period: msg('The period ends in the future'),
  tiers: msg('Every tier awards a prize and the odds add up to at most 100 %'),
  stock: msg('The prizes have the stock the tiers need'),
};

export function PublishPanel({
  checklist,
  unsaved,
  publish,
  name,
}: {
  checklist: ChecklistItem[];
  unsaved: boolean;
  publish: (requestId: string) => Promise<ActionResult<{ status: string }>>;
  name: string;
}) {
  const [pending, startTransition] = useTransition();
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const toast = useToast();
  const router = useRouter();
  const t = useT();
  const blocked = checklist.some((c) => c.problems.length > 0);

  const onConfirm = () =>
    new Promise<boolean>((resolve) =>
      startTransition(async () => {
        setFailure(null);
        const result = await runNamedAction(publish);
        router.refresh();
        if (result.ok) {
          toast.success(t('Activity published'), nowIn(t, name, result.data.status));
          resolve(true);
        } else {
          setFailure(result.failure);
          toast.error(t('Could not publish'), failureText(result.failure, t));
          resolve(false);
        }
      }),
    );

  return (
    <section
      aria-labelledby="publish-title"
      className="rounded-xl border border-zinc-200 bg-white p-4 shadow-sm"
      data-testid="publish-checklist"
    >
      <h2 id="publish-title" className="text-sm font-semibold text-zinc-950">
        {t('Ready to publish?')}
      </h2>
      <ul className="mt-3 space-y-2.5">
        {checklist.map((c) => {
          const ok = c.problems.length === 0;
          return (
            <li key={c.id} className="flex gap-2.5 text-sm" data-testid={`check-${c.id}`} data-ok={ok}>
              <span
                className={`mt-0.5 flex size-4 shrink-0 items-center justify-center rounded-full ${ok ? 'bg-emerald-100 text-emerald-700' : 'bg-red-100 text-red-700'}`}
              >
                {ok ? <CheckIcon className="size-3" /> : <AlertIcon className="size-3" />}
              </span>
              <div className="min-w-0">
                <p className={ok ? 'text-zinc-700' : 'font-medium text-zinc-900'}>
                  <span className="sr-only">{ok ? t('Done: ') : t('To do: ')}</span>
                  {checklistLabels[c.id] ? t(checklistLabels[c.id]) : c.label}
                </p>
                {c.problems.map((p) => (
                  <p key={p} className="text-xs text-red-700">
                    {p}
                  </p>
                ))}
              </div>
            </li>
          );
        })}
      </ul>
      <div className="mt-4 border-t border-zinc-100 pt-4">
        <ConfirmButton
          label={t('Publish…')}
          variant="primary"
          title={t('Publish {name}?', { name })}
          confirmLabel={t('Publish')}
          pending={pending}
          disabled={blocked || unsaved}
          onConfirm={onConfirm}
          error={
            failure ? (
              <ActionFailureNote
                failure={failure}
                note={t(
                  'Your draft is kept as it was. The page was read again: its status shows whether it was published.',
                )}
              />
            ) : null
          }
        >
          {t(
            "Publishing reserves each prize's stock from its total pool and makes the activity live at its start time. Tiers can then only change through their odds and stock.",
          )}
        </ConfirmButton>
        <p className="mt-2 text-xs text-zinc-500">
          {unsaved
            ? t('Save your changes first.')
            : blocked
              ? t('Fix the items above to publish.')
              : t('Run the simulator below before you publish.')}
        </p>
      </div>
    </section>
  );
}

'use client';

// A row's own actions on the activities list: duplicate any activity (as a draft, opened in the
// editor), delete a draft, archive an ended activity or bring it back. Each asks the server and
// says what happened; a refusal or a lost answer keeps the row as it was, names the reason and
// the request, and re-reads the list, which then shows whether the action happened after all.
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import type { ActionResult } from '@/lib/http/action-result';
import { failureText, runNamedAction } from '../action-failure';
import { buttonClasses } from '@/components/ui/button-classes';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { useT } from '../i18n';

type Props = {
  tenantSlug: string;
  activity: { id: string; name: string; status: string; archived: boolean };
  duplicate: (requestId: string) => Promise<ActionResult<{ id: string }>>;
  remove: (requestId: string) => Promise<ActionResult<null>>;
  archive: (archived: boolean, requestId: string) => Promise<ActionResult<{ archivedAt: string | null }>>;
};

export function ActivityRowActions({ tenantSlug, activity, duplicate, remove, archive }: Props) {
  const [pending, start] = useTransition();
  const router = useRouter();
  const toast = useToast();
  const t = useT();
  const run = <T,>(action: (requestId: string) => Promise<ActionResult<T>>, done: (data: T) => void, title: string) =>
    start(async () => {
      const result = await runNamedAction(action);
      if (result.ok) done(result.data);
      else {
        toast.error(title, failureText(result.failure, t));
        router.refresh();
      }
    });
  const small = buttonClasses('ghost', 'sm');

  return (
    <span className="inline-flex items-center gap-1" aria-busy={pending}>
      {pending ? <Spinner /> : null}
      <button
        type="button"
        className={small}
        disabled={pending}
        aria-label={t('Duplicate {name}', { name: activity.name })}
        onClick={() =>
          run(
            duplicate,
            (copy) => {
              toast.success(t('Activity duplicated'), t('The copy is a draft: check its period, then publish it.'));
              router.push(`/t/${tenantSlug}/activities/${copy.id}`);
            },
            t('Could not duplicate the activity'),
          )
        }
      >
        {t('Duplicate')}
      </button>
      {activity.status === 'DRAFT' ? (
        <button
          type="button"
          className={buttonClasses('danger-ghost', 'sm')}
          disabled={pending}
          aria-label={t('Delete {name}', { name: activity.name })}
          onClick={() => {
            if (!window.confirm(t('Delete the draft “{name}”? This cannot be undone.', { name: activity.name })))
              return;
            run(
              remove,
              () => {
                toast.success(t('Draft deleted'), activity.name);
                router.refresh();
              },
              t('Could not delete the draft'),
            );
          }}
        >
          {t('Delete')}
        </button>
      ) : null}
      {activity.status === 'ENDED' ? (
        <button
          type="button"
          className={small}
          disabled={pending}
          aria-label={
            activity.archived
              ? t('Unarchive {name}', { name: activity.name })
              : t('Archive {name}', { name: activity.name })
          }
          onClick={() =>
            run(
              (requestId) => archive(!activity.archived, requestId),
              () => {
                toast.success(activity.archived ? t('Back in the list') : t('Archived'), activity.name);
                router.refresh();
              },
              t('Could not change the archive'),
            )
          }
        >
          {activity.archived ? t('Unarchive') : t('Archive')}
        </button>
      ) : null}
    </span>
  );
}

// Ways to earn chances, with today's progress and caps. Sign-in is reported by the client; a
// share task that the host app confirms (`confirmBy: "event"`) asks the app to share and waits
// for its confirmation, saying so; invites and event tasks are counted when the host app's
// server reports them, and the page says what to do.
import type { MyTask } from '@/lib/h5/play-client';
import type { Messages } from '@/lib/i18n/messages';

const CLIENT_KINDS = new Set(['sign_in', 'share']);

/** A share task the host app confirms: tapping asks the app, it does not pay. */
export function confirmedByHost(task: MyTask): boolean {
  return task.kind === 'share' && task.confirmBy === 'event';
}

export function TasksList({
  tasks,
  t,
  busyTaskId,
  waitingTaskIds,
  confirmedTaskIds,
  disabled,
  onComplete,
}: {
  tasks: MyTask[];
  t: Messages;
  busyTaskId: string | null;
  /** Share tasks the app was asked to share and has not confirmed yet. */
  waitingTaskIds: string[];
  /** Share tasks the app confirmed while the page was open. */
  confirmedTaskIds: string[];
  disabled: boolean;
  onComplete: (task: MyTask) => void;
}) {
  if (tasks.length === 0) return null;
  return (
    <section aria-labelledby="tasks-title" className="rounded-3xl bg-white p-4 shadow-sm">
      <h2 id="tasks-title" className="mb-2 text-base font-bold text-zinc-900">
        {t.tasks.title}
      </h2>
      <ul className="divide-y divide-zinc-100">
        {tasks.map((task) => {
          const capped = task.remainingToday === 0;
          const byClient = CLIENT_KINDS.has(task.kind);
          const waiting = waitingTaskIds.includes(task.id);
          const hint = confirmedByHost(task) ? t.tasks.shareHint : task.kind === 'invite' ? t.tasks.inviteHint : null;
          return (
            <li
              key={task.id}
              className="flex flex-wrap items-center gap-x-3 gap-y-1 py-3"
              data-testid="task"
              data-task-kind={task.kind}
            >
              <div className="min-w-0 flex-1">
                <p className="font-medium break-words text-zinc-900">
                  {task.name}{' '}
                  <span className="text-sm font-semibold text-rose-700">{t.tasks.chances(task.chances)}</span>
                </p>
                <p className="text-xs text-zinc-600">
                  {t.tasks.doneToday(task.doneToday)}
                  {task.remainingToday !== null && !capped ? ` · ${t.tasks.left(task.remainingToday)}` : ''}
                </p>
                {hint ? <p className="mt-0.5 text-xs text-zinc-700">{hint}</p> : null}
                {waiting ? (
                  <p className="mt-0.5 text-xs font-semibold text-amber-900" role="status" data-testid="task-waiting">
                    {t.tasks.waiting}
                  </p>
                ) : confirmedTaskIds.includes(task.id) ? (
                  <p
                    className="mt-0.5 text-xs font-semibold text-emerald-800"
                    role="status"
                    data-testid="task-confirmed"
                  >
                    {t.tasks.confirmed}
                  </p>
                ) : null}
              </div>
              {capped ? (
                <span className="shrink-0 rounded-full bg-zinc-100 px-3 py-1.5 text-xs font-semibold text-zinc-600">
                  {t.tasks.capped}
                </span>
              ) : byClient ? (
                <button
                  type="button"
                  disabled={disabled || busyTaskId === task.id || waiting}
                  onClick={() => onComplete(task)}
                  className="h-9 shrink-0 rounded-full bg-[var(--theme)] px-4 text-sm font-semibold text-white disabled:opacity-60"
                >
                  {t.tasks.go[task.kind.toUpperCase()] ?? task.kind}
                </button>
              ) : (
                <span className="shrink-0 rounded-full bg-amber-50 px-3 py-1.5 text-xs font-semibold text-amber-900">
                  {t.tasks.go[task.kind.toUpperCase()]}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

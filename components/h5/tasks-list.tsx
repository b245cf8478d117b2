// Ways to earn chances, with today's progress and caps. Sign-in and share are reported by the
// client; event tasks are counted when the host app's server reports the behaviour.
import type { MyTask } from '@/lib/h5/play-client';
import type { Messages } from '@/lib/i18n/messages';

const CLIENT_KINDS = new Set(['sign_in', 'share']);

export function TasksList({
  tasks,
  t,
  busyTaskId,
  disabled,
  onComplete,
}: {
  tasks: MyTask[];
  t: Messages;
  busyTaskId: string | null;
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
          return (
            <li key={task.id} className="flex items-center gap-3 py-3" data-testid="task" data-task-kind={task.kind}>
              <div className="min-w-0 flex-1">
                <p className="font-medium break-words text-zinc-900">
                  {task.name}{' '}
                  <span className="text-sm font-semibold text-rose-700">{t.tasks.chances(task.chances)}</span>
                </p>
                <p className="text-xs text-zinc-600">
                  {t.tasks.doneToday(task.doneToday)}
                  {task.remainingToday !== null && !capped ? ` · ${t.tasks.left(task.remainingToday)}` : ''}
                </p>
              </div>
              {capped ? (
                <span className="shrink-0 rounded-full bg-zinc-100 px-3 py-1.5 text-xs font-semibold text-zinc-600">
                  {t.tasks.capped}
                </span>
              ) : byClient ? (
                <button
                  type="button"
                  disabled={disabled || busyTaskId === task.id}
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

'use client';

// A console action that failed, said so the operator can act on it: the browser names each
// request, so the message carries the id the server logged and audited it under, whether the
// server refused it or the answer never came. The caller keeps what the operator entered and
// re-reads the page, which then shows whether the action happened after all.
import type { ActionResult } from '@/lib/http/action-result';
import { msg, type Translator } from '@/lib/i18n/console/translator';
import { useT } from './i18n';
import { richText } from './rich-text';

export type ActionFailure = { code: string; message: string; requestId: string };
export type NamedActionResult<T> = { ok: true; data: T } | { ok: false; failure: ActionFailure };

/** Runs `action` under a fresh request id; a dropped connection or an unreadable answer becomes a failure too. */
export async function runNamedAction<T>(
  action: (requestId: string) => Promise<ActionResult<T>>,
): Promise<NamedActionResult<T>> {
  const requestId = crypto.randomUUID();
  try {
    const result = await action(requestId);
    if (result.ok) return result;
    return { ok: false, failure: { ...result.error, requestId } };
  } catch (err) {
    // fetch fails with a TypeError when no answer came; anything else is an answer it could not read.
    const message = err instanceof TypeError ? msg('Could not reach the server') : msg('The server could not answer');
    return { ok: false, failure: { code: 'UNAVAILABLE', message, requestId } };
  }
}

/** One line for a toast: the reason and the request it names (a server's message stays as it came). */
export function failureText(failure: ActionFailure, t: Translator): string {
  return t('{message} (request {requestId}).', { message: t(failure.message), requestId: failure.requestId });
}

export function ActionFailureNote({ failure, note }: { failure: ActionFailure; note?: string }) {
  const t = useT();
  return (
    <div
      role="alert"
      data-testid="action-failure"
      className="space-y-1 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
    >
      <p>
        {richText(t('{message} (request {requestId}).'), {
          message: t(failure.message),
          requestId: <code data-testid="request-id">{failure.requestId}</code>,
        })}
      </p>
      {note ? <p className="text-xs text-red-700">{note}</p> : null}
    </div>
  );
}

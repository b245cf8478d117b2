'use client';

// "New activity" (a draft with defaults, opened in the editor) and "Import JSON" (a draft from
// an exported spec) on the activities list.
import { useRouter } from 'next/navigation';
import { useRef, useTransition } from 'react';
import type { ActionResult } from '@/lib/http/action-result';
import type { FormResult } from '@/lib/http/form-result';
import { buttonClasses } from '@/components/ui/button-classes';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';

export function NewActivityButtons({
  tenantSlug,
  createDraft,
  importSpec,
}: {
  tenantSlug: string;
  createDraft: () => Promise<ActionResult<{ id: string }>>;
  importSpec: (json: string) => Promise<FormResult<{ id: string }>>;
}) {
  const [creating, startCreate] = useTransition();
  const [importing, startImport] = useTransition();
  const fileRef = useRef<HTMLInputElement>(null);
  const router = useRouter();
  const toast = useToast();

  const open = (id: string) => router.push(`/t/${tenantSlug}/activities/${id}`);

  return (
    <>
      <input
        ref={fileRef}
        type="file"
        accept="application/json,.json"
        className="sr-only"
        tabIndex={-1}
        aria-hidden
        data-testid="import-spec-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          startImport(async () => {
            const result = await importSpec(await file.text());
            if (result.ok) {
              toast.success('Activity imported', 'A new draft was created from the file.');
              open(result.data.id);
            } else {
              const detail = result.error.issues
                .slice(0, 3)
                .map((i) => `${i.path || '(file)'}: ${i.message}`)
                .join('; ');
              toast.error('Could not import the spec', detail || result.error.message);
            }
          });
        }}
      />
      <button
        type="button"
        className={buttonClasses('secondary')}
        disabled={importing}
        aria-busy={importing}
        onClick={() => fileRef.current?.click()}
      >
        {importing ? <Spinner /> : null}
        Import JSON
      </button>
      <button
        type="button"
        className={buttonClasses('primary')}
        disabled={creating}
        aria-busy={creating}
        onClick={() =>
          startCreate(async () => {
            const result = await createDraft();
            if (result.ok) open(result.data.id);
            else toast.error('Could not create the activity', result.error.message);
          })
        }
      >
        {creating ? <Spinner /> : <span aria-hidden>+</span>}
        New activity
      </button>
    </>
  );
}

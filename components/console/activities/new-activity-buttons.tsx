'use client';

// "New activity" (a draft with defaults, opened in the editor), "From a template" (a draft from
// one of the built-in templates or the tenant's own, in the operator's own time zone) and "Import JSON" (a draft from
// an exported spec) on the activities list.
import { useRouter } from 'next/navigation';
import { useId, useRef, useState, useTransition } from 'react';
import { ACTIVITY_TEMPLATES } from '@/lib/activities/templates';
import type { TenantTemplate } from '@/lib/activities/tenant-templates';
import { Dialog } from '@/components/ui/dialog';
import type { ActionResult } from '@/lib/http/action-result';
import type { FormResult } from '@/lib/http/form-result';
import { buttonClasses } from '@/components/ui/button-classes';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';

export function NewActivityButtons({
  tenantSlug,
  createDraft,
  createFromTemplate,
  importSpec,
  tenantTemplates = [],
}: {
  tenantSlug: string;
  /** The tenant's own templates, saved from drafts in the editor. */
  tenantTemplates?: TenantTemplate[];
  createDraft: () => Promise<ActionResult<{ id: string }>>;
  createFromTemplate: (templateId: string, timezone: string) => Promise<FormResult<{ id: string }>>;
  importSpec: (json: string) => Promise<FormResult<{ id: string }>>;
}) {
  const [fromTemplate, startFromTemplate] = useTransition();
  const [template, setTemplate] = useState<string>(ACTIVITY_TEMPLATES[0]!.id);
  const [templateError, setTemplateError] = useState<string | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
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
        className={buttonClasses('secondary')}
        onClick={() => {
          setTemplateError(null);
          dialog.current?.showModal();
        }}
      >
        From a template
      </button>
      <Dialog
        ref={dialog}
        titleId={titleId}
        descriptionId={descriptionId}
        title="New activity from a template"
        description="A draft with the template’s tiers, odds and tasks, starting tomorrow in your time zone. You then pick each tier’s prizes."
        size="lg"
        pending={fromTemplate}
        onSubmit={(e) => {
          e.preventDefault();
          startFromTemplate(async () => {
            const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
            try {
              const result = await createFromTemplate(template, zone);
              if (result.ok) {
                dialog.current?.close();
                toast.success('Draft created from the template', 'Choose a prize for each tier before publishing.');
                open(result.data.id);
              } else setTemplateError(result.error.message);
            } catch {
              // The dialog stays open with the choice made; the list is re-read in case the draft was made.
              setTemplateError('Could not reach the server. Check the list for the draft, or try again.');
              router.refresh();
            }
          });
        }}
        footer={
          <>
            <button
              type="button"
              className={buttonClasses('secondary')}
              disabled={fromTemplate}
              onClick={() => dialog.current?.close()}
            >
              Cancel
            </button>
            <button type="submit" className={buttonClasses('primary')} disabled={fromTemplate} aria-busy={fromTemplate}>
              {fromTemplate ? <Spinner /> : null}
              Create draft
            </button>
          </>
        }
      >
        <fieldset className="space-y-2">
          <legend className="sr-only">Template</legend>
          {[
            ...ACTIVITY_TEMPLATES,
            ...tenantTemplates.map((t) => ({
              id: t.id,
              name: t.name,
              description: `Saved by your team from a draft · ${t.days} ${t.days === 1 ? 'day' : 'days'}`,
            })),
          ].map((t) => (
            <label
              key={t.id}
              className={`flex cursor-pointer gap-3 rounded-lg border px-3 py-2.5 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-500 ${template === t.id ? 'border-indigo-500 bg-indigo-50/60 ring-1 ring-indigo-500' : 'border-zinc-300 hover:bg-zinc-50'}`}
            >
              <input
                type="radio"
                name="template"
                value={t.id}
                checked={template === t.id}
                onChange={() => setTemplate(t.id)}
                className="mt-0.5 accent-indigo-600"
              />
              <span>
                <span className="block font-medium text-zinc-900">{t.name}</span>
                <span className="block text-zinc-600">{t.description}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {templateError ? (
          <p className="text-sm text-red-700" role="alert">
            {templateError}
          </p>
        ) : null}
      </Dialog>
      <button
        type="button"
        className={buttonClasses('primary')}
        disabled={creating}
        aria-busy={creating}
        onClick={() =>
          startCreate(async () => {
            try {
              const result = await createDraft();
              if (result.ok) open(result.data.id);
              else toast.error('Could not create the activity', result.error.message);
            } catch {
              toast.error('Could not reach the server', 'The list is re-read: check it for the new draft.');
              router.refresh();
            }
          })
        }
      >
        {creating ? <Spinner /> : <span aria-hidden>+</span>}
        New activity
      </button>
    </>
  );
}

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
import { msg } from '@/lib/i18n/console/translator';
import { useT } from '../i18n';

// The built-in templates' names and descriptions (lib/activities/templates.ts), shown through `t(...)`.
const templateTexts: Record<string, { name: string; description: string }> = {
  'daily-check-in-wheel': {
    name: msg('Daily check-in wheel'),
    description: msg('A wheel with one free spin a day, an extra one for checking in and one for a confirmed share.'),
  },
  'festival-grid': {
    name: msg('Festival grid with an evening peak'),
    description: msg('A 9-grid over a festival week whose top prize pays more from 20:00 to 22:00, released evenly.'),
  },
  'scratch-fixed-winners': {
    name: msg('Scratch card with fixed winners'),
    description: msg('Scratch cards with small instant wins; ten winners of the first tier are drawn when it ends.'),
  },
};

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
  const t = useT();

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
              toast.success(t('Activity imported'), t('A new draft was created from the file.'));
              open(result.data.id);
            } else {
              const detail = result.error.issues
                .slice(0, 3)
                .map((i) => `${i.path || t('(file)')}: ${i.message}`)
                .join('; ');
              toast.error(t('Could not import the spec'), detail || result.error.message);
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
        {t('Import JSON')}
      </button>
      <button
        type="button"
        className={buttonClasses('secondary')}
        onClick={() => {
          setTemplateError(null);
          dialog.current?.showModal();
        }}
      >
        {t('From a template')}
      </button>
      <Dialog
        ref={dialog}
        titleId={titleId}
        descriptionId={descriptionId}
        title={t('New activity from a template')}
        description={t(
          'A draft with the template’s tiers, odds and tasks, starting tomorrow in your time zone. You then pick each tier’s prizes.',
        )}
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
                toast.success(
                  t('Draft created from the template'),
                  t('Choose a prize for each tier before publishing.'),
                );
                open(result.data.id);
              } else setTemplateError(result.error.message);
            } catch {
              // The dialog stays open with the choice made; the list is re-read in case the draft was made.
              setTemplateError(t('Could not reach the server. Check the list for the draft, or try again.'));
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
              {t('Cancel')}
            </button>
            <button type="submit" className={buttonClasses('primary')} disabled={fromTemplate} aria-busy={fromTemplate}>
              {fromTemplate ? <Spinner /> : null}
              {t('Create draft')}
            </button>
          </>
        }
      >
        <fieldset className="space-y-2">
          <legend className="sr-only">{t('Template')}</legend>
          {[
            ...ACTIVITY_TEMPLATES,
            ...tenantTemplates.map((saved) => ({
              id: saved.id,
              name: saved.name,
              description: t.plural(
                saved.days,
                'Saved by your team from a draft · {count} day',
                'Saved by your team from a draft · {count} days',
              ),
            })),
          ].map((tpl) => (
            <label
              key={tpl.id}
              className={`flex cursor-pointer gap-3 rounded-lg border px-3 py-2.5 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-500 ${template === tpl.id ? 'border-indigo-500 bg-indigo-50/60 ring-1 ring-indigo-500' : 'border-zinc-300 hover:bg-zinc-50'}`}
            >
              <input
                type="radio"
                name="template"
                value={tpl.id}
                checked={template === tpl.id}
                onChange={() => setTemplate(tpl.id)}
                className="mt-0.5 accent-indigo-600"
              />
              <span>
                <span className="block font-medium text-zinc-900">
                  {templateTexts[tpl.id] ? t(templateTexts[tpl.id]!.name) : tpl.name}
                </span>
                <span className="block text-zinc-600">
                  {templateTexts[tpl.id] ? t(templateTexts[tpl.id]!.description) : tpl.description}
                </span>
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
              else toast.error(t('Could not create the activity'), result.error.message);
            } catch {
              toast.error(t('Could not reach the server'), t('The list is re-read: check it for the new draft.'));
              router.refresh();
            }
          })
        }
      >
        {creating ? <Spinner /> : <span aria-hidden>+</span>}
        {t('New activity')}
      </button>
    </>
  );
}

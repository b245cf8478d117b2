'use client';

// The draft editor: basics and period, gameplay and materials, limits, tiers with bundles, odds,
// time segments, pacing and auto-tune, fixed winners and the drift alarm, tasks, beside a live
// preview and the publish checklist. Every change is saved a moment after the operator stops
// typing, field by field: the server saves what passes the draft's rules and names the fields it
// held back, whose errors show beside them. A save names the version it edits, so a second editor
// cannot be overwritten; a save that fails keeps every input and says which request failed.
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ChecklistItem } from '@/lib/activities/publish-checklist';
import type { DraftSpec } from '@/lib/activities/schemas';
import type { ActionResult } from '@/lib/http/action-result';
import { buttonClasses } from '@/components/ui/button-classes';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import type { FormResult } from '@/lib/http/form-result';
import { msg } from '@/lib/i18n/console/translator';
import { useT } from '../i18n';
import { Field, Section, inputClasses } from './fields';
import { friendly, newKey, toForm, toSpec, withListChange, type DraftForm, type TaskForm } from './form-model';
import { periodDays } from './editor/segment-grid-model';
import { useLeaveGuard } from './editor/use-leave-guard';
import { PlayPreview } from './play-preview';
import { TranslationsEditor } from './translations-editor';
import { PublishPanel } from './publish-panel';
import { SaveTemplateForm } from './save-template-form';
import { TierEditor, type PrizeOption } from './tier-editor';

const AUTOSAVE_DELAY_MS = 700;

const headerOf = (f: DraftForm) => JSON.stringify([f.name, f.timezone, f.startsLocal, f.endsLocal]);
const BANNER_MAX_BYTES = 2 * 1024 * 1024;

type SaveState = { kind: 'saved' | 'pending' | 'saving' | 'invalid' | 'failed'; message?: string };
export type SaveDraft = (save: { version: number; spec: unknown; requestId: string }) => Promise<
  FormResult<{
    version: number;
    changed: boolean;
    checklist: ChecklistItem[];
    heldBack: { path: string; message: string }[];
  }>
>;

const gameplays = [
  { value: 'wheel', label: msg('Wheel'), hint: msg('A spinning prize wheel') },
  { value: 'grid', label: msg('9-grid'), hint: msg('A light runs round eight cells') },
  { value: 'scratch', label: msg('Scratch card'), hint: msg('Scratch to reveal') },
] as const;

const taskKinds = [
  { value: 'sign_in', label: msg('Daily check-in') },
  { value: 'share', label: msg('Share') },
  { value: 'invite', label: msg('Invite a friend') },
  { value: 'event', label: msg('Host app event') },
] as const;

export function ActivityEditor({
  tenantSlug,
  initial,
  initialVersion,
  initialChecklist,
  prizes,
  timezones,
  saveDraft,
  publish,
  saveAsTemplate,
  previewSrc,
  playLinks,
}: {
  /** The draft's play page (GET /play/{id}/preview with a preview token) and the QR codes. */
  previewSrc: string;
  playLinks: ReactNode;
  tenantSlug: string;
  initial: DraftSpec;
  initialVersion: number;
  initialChecklist: ChecklistItem[];
  prizes: PrizeOption[];
  timezones: string[];
  saveDraft: SaveDraft;
  publish: (requestId: string) => Promise<ActionResult<{ status: string }>>;
  /** Saves the draft as a template of the tenant ("From a template" offers it). */
  saveAsTemplate?: (name: string) => Promise<FormResult<{ id: string; name: string }>>;
}) {
  const [form, setForm] = useState<DraftForm>(() => toForm(initial));
  // What the page's header (rendered on the server) shows of the draft: its name and period.
  const headerShown = useRef(headerOf(form));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [save, setSave] = useState<SaveState>({ kind: 'saved' });
  const [checklist, setChecklist] = useState(initialChecklist);
  const [uploading, setUploading] = useState(false);
  const version = useRef(initialVersion);
  const [savedVersion, setSavedVersion] = useState(initialVersion);
  const inFlight = useRef(false);
  const queued = useRef<DraftForm | null>(null);
  const first = useRef(true);
  const toast = useToast();
  const router = useRouter();
  const t = useT();
  const days = useMemo(() => periodDays(form.startsLocal, form.endsLocal), [form.startsLocal, form.endsLocal]);

  const runSave = useCallback(
    async function run(f: DraftForm): Promise<void> {
      if (inFlight.current) {
        queued.current = f;
        return;
      }
      inFlight.current = true;
      setSave({ kind: 'saving' });
      const requestId = crypto.randomUUID();
      const failed = (why: string) => {
        const message = t('{why} (request {requestId}). Your edits are kept here.', { why, requestId });
        setSave({ kind: 'failed', message });
        toast.error(t('Could not save the draft'), message);
        // Re-read the page: the checklist and header show whether the save happened after all.
        router.refresh();
      };
      try {
        const result = await saveDraft({ version: version.current, spec: toSpec(f), requestId });
        if (result.ok) {
          version.current = result.data.version;
          setSavedVersion(result.data.version);
          setChecklist(result.data.checklist);
          const held = result.data.heldBack;
          setErrors(Object.fromEntries(held.map((i) => [i.path, friendly(i.path, i.message, t)])));
          const n = new Set(held.map((i) => i.path)).size;
          // A saved name or period re-reads the page, so its header and breadcrumb say the same.
          if (result.data.changed && headerOf(f) !== headerShown.current) {
            headerShown.current = headerOf(f);
            router.refresh();
          }
          setSave(
            n
              ? {
                  kind: 'invalid',
                  message: t.plural(n, 'Not saved: {count} field with errors', 'Not saved: {count} fields with errors'),
                }
              : { kind: 'saved' },
          );
        } else if (result.error.code === 'VALIDATION_FAILED') {
          setErrors(Object.fromEntries(result.error.issues.map((i) => [i.path, friendly(i.path, i.message, t)])));
          const n = new Set(result.error.issues.map((i) => i.path)).size || 1;
          setSave({
            kind: 'invalid',
            message: t.plural(n, 'Not saved: {count} field with errors', 'Not saved: {count} fields with errors'),
          });
        } else if (result.error.code === 'INTERNAL' || result.error.code === 'SERVICE_UNAVAILABLE') {
          failed(t('The server could not save the draft'));
        } else {
          setSave({ kind: 'failed', message: result.error.message });
          toast.error(t('Could not save the draft'), result.error.message);
        }
      } catch {
        failed(t('Could not reach the server'));
      } finally {
        inFlight.current = false;
        const next = queued.current;
        queued.current = null;
        if (next) void run(next);
      }
    },
    [saveDraft, toast, router, t],
  );

  // Only an edit starts a save: a new `runSave` (fresh props) must not.
  const latestRunSave = useRef(runSave);
  useEffect(() => {
    latestRunSave.current = runSave;
  }, [runSave]);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    setSave({ kind: 'pending' });
    const timer = setTimeout(() => void latestRunSave.current(form), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [form]);

  // Leaving with an unsaved or held-back edit asks first.
  useLeaveGuard(save.kind !== 'saved');

  const set = <K extends keyof DraftForm>(key: K, value: DraftForm[K]) =>
    setForm((f) =>
      key === 'tiers' || key === 'tasks'
        ? withListChange(f, key, value as DraftForm['tiers' | 'tasks'])
        : { ...f, [key]: value },
    );
  const setMaterial = (key: keyof DraftForm['materials'], value: string) =>
    setForm((f) => ({ ...f, materials: { ...f.materials, [key]: value } }));
  const setLimit = (key: keyof DraftForm['limits'], value: string) =>
    setForm((f) => ({ ...f, limits: { ...f.limits, [key]: value } }));
  const setTask = (i: number, patch: Partial<TaskForm>) =>
    setForm((f) => ({ ...f, tasks: f.tasks.map((task, j) => (j === i ? { ...task, ...patch } : task)) }));
  const err = (path: string) => errors[path];

  async function uploadBanner(file: File) {
    if (file.size > BANNER_MAX_BYTES) {
      toast.error(t('That image is too large'), t('A banner is at most 2 MB.'));
      return;
    }
    setUploading(true);
    try {
      const res = await fetch(`/t/${tenantSlug}/activities/banner`, {
        method: 'POST',
        body: file,
        headers: { 'content-type': file.type || 'application/octet-stream' },
      });
      const body = (await res.json()) as { url?: string; error?: { message: string } };
      if (!res.ok || !body.url) throw new Error(body.error?.message ?? t('upload failed'));
      setMaterial('bannerUrl', body.url);
      toast.success(t('Banner uploaded'));
    } catch (e) {
      toast.error(t('Could not upload the banner'), e instanceof Error ? e.message : undefined);
    } finally {
      setUploading(false);
    }
  }

  return (
    <div className="grid grid-cols-[minmax(0,1fr)_320px] items-start gap-8">
      <form
        className="min-w-0 space-y-6"
        noValidate
        onSubmit={(e) => e.preventDefault()}
        aria-label={t('Activity draft')}
      >
        <SaveStatus state={save} onRetry={() => void runSave(form)} />

        <Section
          title={t('Basics and period')}
          description={t(
            "Times are wall-clock times in the activity's time zone; “today” for daily limits is a day there too.",
          )}
        >
          <Field label={t('Name')} error={err('name')} hint={t('Shown to operators; the H5 title is set below.')}>
            {(p) => (
              <input
                {...p}
                className={inputClasses}
                value={form.name}
                onChange={(e) => set('name', e.target.value)}
                maxLength={120}
              />
            )}
          </Field>
          <div className="grid grid-cols-2 gap-4 @2xl:grid-cols-3">
            <Field label={t('Time zone')} error={err('timezone')} className="col-span-2 @2xl:col-span-1">
              {(p) => (
                <select
                  {...p}
                  className={inputClasses}
                  value={form.timezone}
                  onChange={(e) => set('timezone', e.target.value)}
                >
                  {timezones.map((tz) => (
                    <option key={tz} value={tz}>
                      {tz}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('Starts')} error={err('startsAt')}>
              {(p) => (
                <input
                  {...p}
                  type="datetime-local"
                  className={inputClasses}
                  value={form.startsLocal}
                  onChange={(e) => set('startsLocal', e.target.value)}
                />
              )}
            </Field>
            <Field label={t('Ends')} error={err('endsAt')}>
              {(p) => (
                <input
                  {...p}
                  type="datetime-local"
                  className={inputClasses}
                  value={form.endsLocal}
                  onChange={(e) => set('endsLocal', e.target.value)}
                />
              )}
            </Field>
          </div>
        </Section>

        <Section title={t('Gameplay and look')} description={t('What users see on the H5 page.')}>
          <fieldset>
            <legend className="text-sm font-medium text-zinc-800">{t('Gameplay')}</legend>
            <div className="mt-1.5 grid grid-cols-3 gap-3">
              {gameplays.map((g) => (
                <label
                  key={g.value}
                  className={`flex cursor-pointer flex-col rounded-lg border px-3 py-2.5 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-500 ${form.gameplay === g.value ? 'border-indigo-500 bg-indigo-50/60 ring-1 ring-indigo-500' : 'border-zinc-300 hover:bg-zinc-50'}`}
                >
                  <span className="flex items-center gap-2 font-medium text-zinc-900">
                    <input
                      type="radio"
                      name="gameplay"
                      value={g.value}
                      checked={form.gameplay === g.value}
                      onChange={() => set('gameplay', g.value)}
                      className="accent-indigo-600"
                    />
                    {t(g.label)}
                  </span>
                  <span className="mt-0.5 pl-5 text-xs text-zinc-600">{t(g.hint)}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <label className="flex items-center gap-2 text-sm text-zinc-800">
            <input
              type="checkbox"
              checked={form.materials.sliceSizes === 'odds'}
              onChange={(e) => setMaterial('sliceSizes', e.target.checked ? 'odds' : '')}
              className="accent-indigo-600"
            />
            {t('Wheel slices sized by the odds')}
          </label>
          <div className="grid grid-cols-[minmax(0,1fr)_200px] gap-4">
            <Field label={t('Title on the page')} error={err('materials.title')}>
              {(p) => (
                <input
                  {...p}
                  className={inputClasses}
                  value={form.materials.title}
                  onChange={(e) => setMaterial('title', e.target.value)}
                  maxLength={120}
                />
              )}
            </Field>
            <Field label={t('Theme colour')} error={err('materials.themeColor')}>
              {(p) => (
                <div className="flex items-center gap-2">
                  <input
                    type="color"
                    aria-label={t('Pick the theme colour')}
                    value={/^#[0-9a-f]{6}$/i.test(form.materials.themeColor) ? form.materials.themeColor : '#e11d48'}
                    onChange={(e) => setMaterial('themeColor', e.target.value)}
                    className="h-9 w-10 shrink-0 cursor-pointer rounded-md border border-zinc-300 bg-white p-1"
                  />
                  <input
                    {...p}
                    className={`${inputClasses} font-mono`}
                    value={form.materials.themeColor}
                    onChange={(e) => setMaterial('themeColor', e.target.value)}
                    maxLength={7}
                  />
                </div>
              )}
            </Field>
          </div>
          <Field
            label={t('Banner image')}
            error={err('materials.bannerUrl')}
            hint={t('PNG, JPEG, WebP or GIF, at most 2 MB. Shown at the top of the page.')}
          >
            {(p) => (
              <div className="flex items-center gap-3">
                <input
                  {...p}
                  type="file"
                  accept="image/png,image/jpeg,image/webp,image/gif"
                  disabled={uploading}
                  onChange={(e) => {
                    const file = e.target.files?.[0];
                    if (file) void uploadBanner(file);
                    e.target.value = '';
                  }}
                  className="block text-sm text-zinc-700 file:mr-3 file:h-8 file:rounded-md file:border file:border-zinc-300 file:bg-white file:px-3 file:text-sm file:font-medium file:text-zinc-900 hover:file:bg-zinc-50"
                />
                {uploading ? <Spinner className="size-4 text-zinc-500" /> : null}
                {form.materials.bannerUrl ? (
                  <>
                    <span className="truncate font-mono text-xs text-zinc-500" data-testid="banner-url">
                      {form.materials.bannerUrl}
                    </span>
                    <button
                      type="button"
                      className={buttonClasses('ghost', 'sm')}
                      onClick={() => setMaterial('bannerUrl', '')}
                    >
                      {t('Remove')}
                    </button>
                  </>
                ) : null}
              </div>
            )}
          </Field>
          <Field label={t('Rules')} error={err('materials.rulesText')} hint={t('Plain text; line breaks are kept.')}>
            {(p) => (
              <textarea
                {...p}
                rows={4}
                className={`${inputClasses} h-auto py-2`}
                value={form.materials.rulesText}
                onChange={(e) => setMaterial('rulesText', e.target.value)}
                maxLength={10_000}
              />
            )}
          </Field>
        </Section>

        <Section title={t('Limits')} description={t('Per user. Leave a field empty for no limit.')}>
          <div className="grid grid-cols-3 gap-4 @2xl:grid-cols-5">
            <Field label={t('Free draws a day')} error={err('limits.freeDrawsPerDay')}>
              {(p) => (
                <input
                  {...p}
                  inputMode="numeric"
                  className={`${inputClasses} tabular-nums`}
                  value={form.limits.freeDrawsPerDay}
                  onChange={(e) => setLimit('freeDrawsPerDay', e.target.value)}
                />
              )}
            </Field>
            <Field label={t('Draws a day')} error={err('limits.maxDrawsPerDay')}>
              {(p) => (
                <input
                  {...p}
                  inputMode="numeric"
                  placeholder={t('No limit')}
                  className={`${inputClasses} tabular-nums`}
                  value={form.limits.maxDrawsPerDay}
                  onChange={(e) => setLimit('maxDrawsPerDay', e.target.value)}
                />
              )}
            </Field>
            <Field label={t('Draws in all')} error={err('limits.maxDrawsTotal')}>
              {(p) => (
                <input
                  {...p}
                  inputMode="numeric"
                  placeholder={t('No limit')}
                  className={`${inputClasses} tabular-nums`}
                  value={form.limits.maxDrawsTotal}
                  onChange={(e) => setLimit('maxDrawsTotal', e.target.value)}
                />
              )}
            </Field>
            <Field label={t('Wins in all')} error={err('limits.maxWinsPerUser')}>
              {(p) => (
                <input
                  {...p}
                  inputMode="numeric"
                  placeholder={t('No limit')}
                  className={`${inputClasses} tabular-nums`}
                  value={form.limits.maxWinsPerUser}
                  onChange={(e) => setLimit('maxWinsPerUser', e.target.value)}
                />
              )}
            </Field>
            <Field label={t('Claim within (h)')} error={err('claimWindowHours')}>
              {(p) => (
                <input
                  {...p}
                  inputMode="numeric"
                  placeholder={t('No limit')}
                  className={`${inputClasses} tabular-nums`}
                  value={form.claimWindowHours}
                  onChange={(e) => set('claimWindowHours', e.target.value)}
                />
              )}
            </Field>
          </div>
        </Section>

        <TierEditor
          tiers={form.tiers}
          prizes={prizes}
          errors={errors}
          days={days}
          onChange={(tiers) => set('tiers', tiers)}
        />

        <Section
          title={t('Fixed winners and alarms')}
          description={t('Draw rules beyond the instant odds, checked when the activity ends or while it runs.')}
        >
          <div className="grid grid-cols-[200px_minmax(0,1fr)] items-start gap-4">
            <Field
              label={t('Fixed winners')}
              error={err('fixedWinners')}
              hint={t('Empty: none. Else drawn among all participants at the end.')}
            >
              {(p) => (
                <input
                  {...p}
                  inputMode="numeric"
                  placeholder={t('None')}
                  className={`${inputClasses} tabular-nums`}
                  value={form.fixedWinners}
                  onChange={(e) => set('fixedWinners', e.target.value)}
                />
              )}
            </Field>
            <p className="mt-7 text-sm text-zinc-600">
              {t(
                'When the activity ends, exactly this many participants are drawn fairly among everyone who took part; they win the first tier, whose stock must cover them.',
              )}
            </p>
          </div>
          <label className="flex items-start gap-2 text-sm text-zinc-800">
            <input
              type="checkbox"
              className="mt-0.5 accent-indigo-600"
              checked={form.pauseOnDrift}
              onChange={(e) => set('pauseOnDrift', e.target.checked)}
            />
            <span>
              {t('Pause when the odds drift')}
              <span className="block text-xs text-zinc-600">
                {t(
                  'The drift alarm compares outcomes with the configured odds (chi-square, p < 0.001); with this on it also pauses the activity until someone resumes it.',
                )}
              </span>
            </span>
          </label>
          {err('pauseOnDrift') ? (
            <p className="text-sm text-red-700" data-testid="field-error">
              {err('pauseOnDrift')}
            </p>
          ) : null}
        </Section>

        <Section
          title={t('Tasks')}
          description={t('How users earn extra chances.')}
          actions={
            <button
              type="button"
              className={buttonClasses('secondary', 'sm')}
              onClick={() =>
                set('tasks', [
                  ...form.tasks,
                  {
                    key: newKey(),
                    kind: 'sign_in',
                    name: 'Daily check-in',
                    eventType: '',
                    chances: '1',
                    perDay: '1',
                    total: '',
                    confirmByEvent: false,
                  },
                ])
              }
            >
              {t('Add task')}
            </button>
          }
        >
          {form.tasks.length === 0 ? (
            <p className="text-sm text-zinc-600">{t('No tasks: users draw with their free draws only.')}</p>
          ) : null}
          {form.tasks.map((task, i) => (
            <fieldset key={task.key} className="@container space-y-3 rounded-lg border border-zinc-200 p-3">
              <legend className="sr-only">{t('Task {n}', { n: i + 1 })}</legend>
              <div
                className={`grid grid-cols-1 gap-3 ${task.kind === 'event' ? '@xl:grid-cols-[160px_minmax(0,1fr)_minmax(0,1fr)]' : '@xl:grid-cols-[160px_minmax(0,1fr)]'}`}
              >
                <Field label={t('Kind')} error={err(`tasks.${i}.kind`)}>
                  {(p) => (
                    <select
                      {...p}
                      className={inputClasses}
                      value={task.kind}
                      onChange={(e) => setTask(i, { kind: e.target.value as TaskForm['kind'] })}
                    >
                      {taskKinds.map((k) => (
                        <option key={k.value} value={k.value}>
                          {t(k.label)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field label={t('Task name')} error={err(`tasks.${i}.name`)}>
                  {(p) => (
                    <input
                      {...p}
                      className={inputClasses}
                      value={task.name}
                      onChange={(e) => setTask(i, { name: e.target.value })}
                      maxLength={60}
                    />
                  )}
                </Field>
                {task.kind === 'event' ? (
                  <Field label={t('Event type')} error={err(`tasks.${i}.eventType`)}>
                    {(p) => (
                      <input
                        {...p}
                        className={`${inputClasses} font-mono`}
                        // eslint-disable-next-line local/no-untranslated-text -- an event type, a code name
                        placeholder="post_created"
                        value={task.eventType}
                        onChange={(e) => setTask(i, { eventType: e.target.value })}
                      />
                    )}
                  </Field>
                ) : null}
              </div>
              {task.kind === 'share' ? (
                <label className="flex items-start gap-2 text-sm text-zinc-800">
                  <input
                    type="checkbox"
                    className="mt-0.5 accent-indigo-600"
                    checked={task.confirmByEvent}
                    onChange={(e) => setTask(i, { confirmByEvent: e.target.checked })}
                  />
                  <span>
                    {t('Confirmed by the host app')}
                    <span className="block text-xs text-zinc-600">
                      {t('Paid only when the host app reports a share_confirmed event, never by the page’s own call.')}
                    </span>
                  </span>
                </label>
              ) : null}
              {err(`tasks.${i}.confirmBy`) ? (
                <p className="text-sm text-red-700" data-testid="field-error">
                  {err(`tasks.${i}.confirmBy`)}
                </p>
              ) : null}
              <div className="flex items-start gap-3">
                <Field label={t('Chances')} error={err(`tasks.${i}.chances`)} className="w-28">
                  {(p) => (
                    <input
                      {...p}
                      inputMode="numeric"
                      className={`${inputClasses} tabular-nums`}
                      value={task.chances}
                      onChange={(e) => setTask(i, { chances: e.target.value })}
                    />
                  )}
                </Field>
                <Field label={t('At most a day')} error={err(`tasks.${i}.perDay`)} className="w-28">
                  {(p) => (
                    <input
                      {...p}
                      inputMode="numeric"
                      placeholder={t('No limit')}
                      className={`${inputClasses} tabular-nums`}
                      value={task.perDay}
                      onChange={(e) => setTask(i, { perDay: e.target.value })}
                    />
                  )}
                </Field>
                <Field label={t('At most in all')} error={err(`tasks.${i}.total`)} className="w-28">
                  {(p) => (
                    <input
                      {...p}
                      inputMode="numeric"
                      placeholder={t('No limit')}
                      className={`${inputClasses} tabular-nums`}
                      value={task.total}
                      onChange={(e) => setTask(i, { total: e.target.value })}
                    />
                  )}
                </Field>
                <button
                  type="button"
                  className={`${buttonClasses('danger-ghost', 'sm')} mt-7 ml-auto`}
                  onClick={() =>
                    set(
                      'tasks',
                      form.tasks.filter((_, j) => j !== i),
                    )
                  }
                  aria-label={t('Remove task {name}', { name: task.name || String(i + 1) })}
                >
                  {t('Remove')}
                </button>
              </div>
            </fieldset>
          ))}
        </Section>

        <TranslationsEditor
          value={form.translations}
          onChange={(next) => set('translations', next)}
          base={{
            name: form.name,
            title: form.materials.title,
            rulesText: form.materials.rulesText,
            tiers: form.tiers.map((tier) => tier.name),
            tasks: form.tasks.map((task) => task.name),
          }}
          err={err}
        />
      </form>

      <aside className="sticky top-20 space-y-5" aria-label={t('Preview and publishing')}>
        <PlayPreview
          src={previewSrc}
          version={savedVersion}
          links={playLinks}
          caption={t('The play page as saved · reloads after each save')}
        />
        <PublishPanel checklist={checklist} unsaved={save.kind !== 'saved'} publish={publish} name={form.name} />
        {saveAsTemplate ? (
          <SaveTemplateForm defaultName={form.name} unsaved={save.kind !== 'saved'} saveAsTemplate={saveAsTemplate} />
        ) : null}
      </aside>
    </div>
  );
}

function SaveStatus({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  const t = useT();
  const tone =
    state.kind === 'invalid' || state.kind === 'failed'
      ? 'border-red-200 bg-red-50 text-red-800'
      : 'border-zinc-200 bg-zinc-50 text-zinc-700';
  return (
    <div className={`flex items-center justify-between gap-3 rounded-lg border px-4 py-2 text-sm ${tone}`}>
      <p role="status" aria-live="polite" className="flex items-center gap-2" data-testid="save-status">
        {state.kind === 'saving' ? <Spinner className="size-3.5" /> : null}
        {state.kind === 'saved' ? <span aria-hidden className="size-2 rounded-full bg-emerald-500" /> : null}
        {state.kind === 'pending' ? <span aria-hidden className="size-2 rounded-full bg-amber-400" /> : null}
        {state.kind === 'saved'
          ? t('All changes saved')
          : state.kind === 'pending'
            ? t('Unsaved changes…')
            : state.kind === 'saving'
              ? t('Saving…')
              : state.message}
      </p>
      {state.kind === 'failed' ? (
        <button type="button" onClick={onRetry} className={buttonClasses('secondary', 'sm')}>
          {t('Try again')}
        </button>
      ) : (
        <p className="text-xs text-zinc-600">{t('Drafts save as you type')}</p>
      )}
    </div>
  );
}

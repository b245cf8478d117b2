// GET /play/{activityId}/{locale}: the H5 play page as one HTML document. Not a Next page: the
// components in components/h5 are rendered by Preact, on the server from .h5-build/render-play.mjs
// and in the browser from public/h5/play-<hash>.js (both built by scripts/build-h5.ts), so a
// phone loads Preact and the page's code instead of React and Next's router.
// The document depends on the activity and the language only (the token reaches the page later,
// in the fragment or by postMessage), so it may be cached for a few seconds in front of the app.
// Only the tenant's host app may frame it: Content-Security-Policy frame-ancestors lists its
// origins ('none' when there are none); the console's pages forbid framing altogether.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { config } from '../config';
import { LOCALES, messages, type Locale } from '../i18n/messages';
import { parseHostAppOrigin } from '../tenancy/host-app-origin-schemas';
import { getActivityFairness } from '../fairness/get-activity-fairness';
import { getPlayView, type PlayView } from './get-play-view';
import { materialsOf, titleOf } from './materials';
import type { PlayActivity, PlayAppProps, RulesViewProps } from './page-props';

/** Seconds a shared cache may serve the page before asking again (names, theme, tiers, status). */
export const PLAY_PAGE_MAX_AGE_SECONDS = 5;

type Renderer = {
  render: (props: PlayAppProps) => string;
  renderRules: (props: RulesViewProps) => string;
  js: string;
  css: string;
  builtAt: number;
};
let renderer: Promise<Renderer> | undefined;
const buildDir = () => join(process.cwd(), '.h5-build');

/**
 * The build's renderer and asset names, read once per process; outside production (npm run
 * dev rebuilds on every change) read again whenever the build is newer than what was loaded.
 */
async function loadRenderer(): Promise<Renderer> {
  if (renderer && config().NODE_ENV !== 'production') {
    const loaded = await renderer.catch(() => null);
    const builtAt = await stat(join(buildDir(), 'manifest.json')).then(
      (s) => s.mtimeMs,
      () => 0,
    );
    if (!loaded || builtAt > loaded.builtAt) renderer = undefined;
  }
  renderer ??= (async () => {
    const dir = buildDir();
    let manifest: { js: string; css: string };
    let builtAt: number;
    try {
      manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { js: string; css: string };
      builtAt = (await stat(join(dir, 'manifest.json'))).mtimeMs;
    } catch {
      throw new Error('the H5 play page is not built: run `npm run build` (scripts/build-h5.ts)');
    }
    // The query string gives each build its own module instance (ES modules are cached by URL).
    const url = `${pathToFileURL(join(dir, 'render-play.mjs')).href}?v=${builtAt}`;
    const mod = (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ url)) as {
      renderPlayApp: Renderer['render'];
      renderRules: Renderer['renderRules'];
    };
    return { render: mod.renderPlayApp, renderRules: mod.renderRules, js: manifest.js, css: manifest.css, builtAt };
  })();
  renderer.catch(() => {
    renderer = undefined;
  });
  return renderer;
}

type Rendered = { status: 200 | 404; html: string; frameAncestors: string[] };
const recent = new Map<string, { at: number; page: Promise<Rendered> }>();
const RECENT_MAX = 500;

/**
 * The page, rendered at most once per activity and language every few seconds in this process
 * (a crowd opening one activity costs one database read per interval, not one per visit).
 */
export async function renderPlayPage(activityId: string, locale: string, now = Date.now()): Promise<Response> {
  const key = `${activityId}/${locale}`;
  let entry = recent.get(key);
  if (!entry || now - entry.at >= PLAY_PAGE_MAX_AGE_SECONDS * 1000) {
    entry = { at: now, page: renderDocument(activityId, locale) };
    recent.delete(key);
    recent.set(key, entry);
    if (recent.size > RECENT_MAX) recent.delete(recent.keys().next().value!);
    // Only a page is kept: after a 404 or a failure the next request asks again (an activity
    // published a moment ago is found at once).
    const forget = () => recent.get(key) === entry && recent.delete(key);
    entry.page.then((r) => r.status !== 200 && forget(), forget);
  }
  const { status, html, frameAncestors } = await entry.page;
  return new Response(html, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control':
        status === 200
          ? `public, max-age=0, s-maxage=${PLAY_PAGE_MAX_AGE_SECONDS}, stale-while-revalidate=30`
          : 'no-store',
      'content-security-policy': frameAncestorsPolicy(frameAncestors),
      vary: 'Accept-Language, Cookie',
    },
  });
}

/** Who may frame the page: the tenant's host app origins, each checked again (the column is plain text). */
export function frameAncestorsPolicy(origins: string[]): string {
  const allowed = origins.filter((o) => {
    const parsed = parseHostAppOrigin(o);
    return 'origin' in parsed && parsed.origin === o;
  });
  return `frame-ancestors ${allowed.length > 0 ? allowed.join(' ') : "'none'"}`;
}

async function renderDocument(activityId: string, locale: string): Promise<Rendered> {
  const view = LOCALES.includes(locale as Locale) ? await getPlayView(activityId) : null;
  if (!view) return notFoundDocument(LOCALES.includes(locale as Locale) ? (locale as Locale) : 'en');
  const { render, js, css } = await loadRenderer();
  const props: PlayAppProps = {
    activity: playActivityOf(view),
    initialLocale: locale as Locale,
    demoPicker: config().DEMO_USER_PICKER,
  };
  const m = materialsOf(view);
  const html =
    `<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">` +
    `<title>${escapeHtml(props.activity.title)}</title><meta name="robots" content="noindex, nofollow">` +
    `<link rel="stylesheet" href="${css}"><link rel="modulepreload" href="${js}"></head>` +
    `<body class="min-h-screen font-sans"><div class="min-h-dvh" style="background: linear-gradient(180deg, ${escapeHtml(props.activity.themeColor)}33 0%, #fff7ed 45%, #fafafa 100%)">` +
    // An operator's banner from any host, in a fixed box: no layout shift when it loads.
    (m.bannerUrl
      ? `<img src="${escapeHtml(m.bannerUrl)}" alt="" width="390" height="120" class="mx-auto block h-[120px] w-full max-w-md object-cover">`
      : '') +
    `<div id="play-root">${render(props)}</div></div>` +
    `<script type="application/json" id="play-props">${jsonForScript(props)}</script><script type="module" src="${js}"></script></body></html>`;
  return { status: 200, html, frameAncestors: view.hostAppOrigins };
}

/**
 * GET /play/{activityId}/rules: the rules and odds, read from the live configuration on every
 * request (never cached), in the reader's language. Markup and the page's stylesheet, no script.
 */
export async function renderRulesPage(activityId: string, locale: Locale): Promise<Response> {
  const view = await getPlayView(activityId);
  const { status, html, frameAncestors } = view ? await rulesDocument(view, locale) : notFoundDocument(locale);
  return new Response(html, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': frameAncestorsPolicy(frameAncestors),
      vary: 'Accept-Language, Cookie',
    },
  });
}

async function rulesDocument(view: PlayView, locale: Locale): Promise<Rendered> {
  const [{ renderRules, css }, fairness] = await Promise.all([loadRenderer(), getActivityFairness(null, view.id)]);
  const html =
    `<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">` +
    `<title>${escapeHtml(messages[locale].rules.title)}</title><meta name="robots" content="noindex, nofollow"><link rel="stylesheet" href="${css}"></head>` +
    `<body class="min-h-screen bg-white font-sans">${renderRules({ view, locale, fairness })}</body></html>`;
  return { status: 200, html, frameAncestors: view.hostAppOrigins };
}

export function playActivityOf(view: PlayView): PlayActivity {
  const m = materialsOf(view);
  return {
    id: view.id,
    name: view.name,
    gameplay: view.gameplay,
    status: view.status,
    startsAt: view.startsAt,
    endsAt: view.endsAt,
    title: titleOf(view),
    themeColor: m.themeColor ?? '#e11d48',
    limits: {
      freeDrawsPerDay: view.limits.freeDrawsPerDay,
      maxDrawsPerDay: view.limits.maxDrawsPerDay,
      maxDrawsTotal: view.limits.maxDrawsTotal,
    },
    tiers: view.tiers.map((t) => ({ id: t.id, name: t.name })),
    canLose: view.noWinProbability > 0,
    hostAppOrigins: view.hostAppOrigins,
  };
}

function notFoundDocument(locale: Locale): Rendered {
  const text = messages[locale].errors.notFound;
  return {
    status: 404,
    frameAncestors: [],
    html: `<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Not found</title></head><body style="font-family: system-ui, sans-serif; padding: 2rem; text-align: center"><h1>404</h1><p>${escapeHtml(text)}</p></body></html>`,
  };
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** JSON inside <script>: no `</script>`, no HTML comment, no line separators can end it early. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

// npm run bench:h5 — how light the play page is, measured from the production build in one run.
//   BUDGET play_first_load_js_kb   gzip size of the JavaScript files the play page's HTML loads
//                                  (every <script src>; goal ≤ 130)
//   RATIO play_page_vs_static      requests/s of the server-rendered play page (GET /play/{id}:
//                                  server.ts's cache answers it, one copy per language for 5 s) ÷
//                                  requests/s of a static file of the same server (one of those JS
//                                  files), same autocannon settings, same run (goal ≥ 0.3)
//   BUDGET play_first_load_total_kb
//                                  everything Chromium downloads for the first load of the play page
//                                  (HTML, stylesheet, script, images; bytes on the wire, 390×844 at
//                                  DPR 3) of an activity whose banner is a 192 KB PNG uploaded through
//                                  the console's banner route by a signed-in operator (goal ≤ 150)
// The baselines (static requests/s, the same page through Next without the cache, inline script
// bytes, the uploaded PNG's size) are printed beside them.
import { createRequire } from 'node:module';
import { chromium } from '@playwright/test';
import sharp from 'sharp';
import { gzipSync } from 'node:zlib';
import { pickLocale } from '../lib/i18n/messages';
import {
  applyBenchEnvironment,
  baseUrl,
  buildIfStale,
  cleanUpBench,
  createBenchActivity,
  startServerAndWorkers,
  stopChildren,
} from './lib/harness';

applyBenchEnvironment();
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);

type AutocannonResult = {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  '2xx': number;
};
const autocannon = createRequire(import.meta.url)('autocannon') as (
  opts: Record<string, unknown>,
) => Promise<AutocannonResult>;

async function main() {
  try {
    const { activity, tenant } = await createBenchActivity([0.01, 0.05, 0.2]);
    buildIfStale();
    await startServerAndWorkers();
    const banner = await uploadBannerThroughConsole(tenant, activity.id);
    const pageUrl = `${baseUrl}/play/${activity.id}`;
    // The path proxy.ts rewrites that request to (autocannon sends no cookie or Accept-Language):
    // Next's own cached render, which server.ts's cache does not serve.
    const uncachedUrl = `${baseUrl}/play/${activity.id}/${pickLocale(undefined, null)}`;

    const html = await (await fetch(pageUrl)).text();
    // noModule scripts (legacy polyfills) are never fetched by the browsers that run modules.
    const tags = [...html.matchAll(/<script([^>]*)\bsrc="([^"]+\.js[^"]*)"([^>]*)>/g)];
    const scripts = [...new Set(tags.filter((m) => !/nomodule/i.test(m[1]! + m[3]!)).map((m) => m[2]!))];
    if (scripts.length === 0) throw new Error('the play page loads no script: is it the right page?');
    let gzipBytes = 0;
    const sizes: string[] = [];
    for (const src of scripts) {
      const res = await fetch(new URL(src, baseUrl));
      if (!res.ok) throw new Error(`${src}: ${res.status}`);
      const n = gzipSync(Buffer.from(await res.arrayBuffer()), { level: 9 }).byteLength;
      gzipBytes += n;
      sizes.push(`${src.split('/').pop()}=${(n / 1024).toFixed(1)}`);
    }
    const inline = [...html.matchAll(/<script(?![^>]*src=)[^>]*>([\s\S]*?)<\/script>/g)].reduce(
      (s, m) => s + m[1]!.length,
      0,
    );

    const staticUrl = new URL(scripts[scripts.length - 1]!, baseUrl).toString();
    // Warm both, then measure alternately so drift on a shared machine weighs on both.
    await autocannon({ url: pageUrl, connections: CONNECTIONS, duration: 2 });
    await autocannon({ url: staticUrl, connections: CONNECTIONS, duration: 2 });
    const staticA = await autocannon({ url: staticUrl, connections: CONNECTIONS, duration: SECONDS / 2 });
    const pageA = await autocannon({ url: pageUrl, connections: CONNECTIONS, duration: SECONDS / 2 });
    const pageB = await autocannon({ url: pageUrl, connections: CONNECTIONS, duration: SECONDS / 2 });
    const staticB = await autocannon({ url: staticUrl, connections: CONNECTIONS, duration: SECONDS / 2 });
    // The ceiling any routed request meets on this server: a trivial route handler.
    const trivial = await autocannon({
      url: `${baseUrl}/api/health/live`,
      connections: CONNECTIONS,
      duration: SECONDS / 2,
    });
    await autocannon({ url: uncachedUrl, connections: CONNECTIONS, duration: 2 });
    const uncached = await autocannon({ url: uncachedUrl, connections: CONNECTIONS, duration: SECONDS / 2 });
    // A figure made of failures is no figure: more than 1 % failed requests stops the run.
    for (const r of [staticA, pageA, pageB, staticB, trivial, uncached]) {
      if ((r.non2xx + r.errors) * 100 > r['2xx'])
        throw new Error(`requests failed: ${r.non2xx} non-2xx, ${r.errors} errors of ${r['2xx']} ok`);
    }
    const failed = [staticA, pageA, pageB, staticB, trivial, uncached].reduce((s, r) => s + r.non2xx + r.errors, 0);
    const staticRps = (staticA.requests.average + staticB.requests.average) / 2;
    const pageRps = (pageA.requests.average + pageB.requests.average) / 2;

    console.log(`BASELINE static_file_rps=${staticRps.toFixed(0)} (${staticUrl.replace(baseUrl, '')})`);
    console.log(
      `BASELINE trivial_route_rps=${trivial.requests.average.toFixed(0)} (/api/health/live: the routing ceiling)`,
    );
    console.log(
      `BASELINE play_page_rps=${pageRps.toFixed(0)} play_page_p50_ms=${pageA.latency.p50} play_page_p99_ms=${pageA.latency.p99}`,
    );
    console.log(
      `BASELINE play_page_uncached_rps=${uncached.requests.average.toFixed(0)} play_page_uncached_p50_ms=${uncached.latency.p50} (${uncachedUrl.replace(baseUrl, '')}: through Next, no front cache)`,
    );
    console.log(`BASELINE play_scripts_gzip_kb ${sizes.join(' ')}`);
    console.log(
      `BASELINE play_scripts=${scripts.length} inline_script_kb=${(inline / 1024).toFixed(1)} (raw: the page's props as JSON)`,
    );
    console.log(`BASELINE failed_requests=${failed}`);
    const firstLoad = await firstLoadBytes(pageUrl);
    console.log(
      `BASELINE uploaded_banner_png_kb=${(banner.bytes / 1024).toFixed(1)} ` +
        `first_load_files ${firstLoad.files.join(' ')}`,
    );
    console.log(`BUDGET play_first_load_js_kb=${(gzipBytes / 1024).toFixed(1)}`);
    console.log(`BUDGET play_first_load_total_kb=${(firstLoad.total / 1024).toFixed(1)}`);
    console.log(`RATIO play_page_vs_static=${(pageRps / staticRps).toFixed(3)}`);
  } finally {
    stopChildren();
    await cleanUpBench();
  }
}

/**
 * A 192 KB PNG (a noisy photo-like gradient, which PNG cannot shrink much), uploaded as an operator
 * does: signed in through next-auth, POST to the console's banner route; then set as the banner.
 */
async function uploadBannerThroughConsole(tenant: { id: string; slug: string }, activityId: string) {
  const { upsertOperator } = await import('../lib/auth/verify-operator');
  const { db } = await import('../lib/db');
  const { signIn } = await import('../tests/fuzz/console-session');
  const email = `bench-${tenant.slug}@bench.test`;
  const password = 'bench-password-1';
  const operator = await upsertOperator(email, 'Bench Operator', password);
  await db.membership.create({ data: { tenantId: tenant.id, operatorId: operator.id, role: 'OPERATOR' } });
  const png = await pngOfAbout(192 * 1024);
  const session = await signIn(baseUrl, email, password);
  const res = await fetch(`${baseUrl}/t/${tenant.slug}/activities/banner`, {
    method: 'POST',
    headers: { cookie: session, 'content-type': 'image/png' },
    body: new Uint8Array(png),
  });
  const body = (await res.json()) as { url?: string };
  if (res.status !== 201 || !body.url) throw new Error(`banner upload: ${res.status} ${JSON.stringify(body)}`);
  const a = await db.activity.findUniqueOrThrow({ where: { id: activityId }, select: { materials: true } });
  await db.activity.update({
    where: { id: activityId },
    data: { materials: { ...(a.materials as object), bannerUrl: body.url } },
  });
  return { url: body.url, bytes: png.byteLength };
}

async function pngOfAbout(bytes: number): Promise<Buffer> {
  let png = Buffer.alloc(0);
  for (let side = 160; png.byteLength < bytes; side += 8) {
    const width = side * 3;
    const raw = Buffer.alloc(width * side * 3);
    let seed = 7;
    for (let i = 0; i < raw.length; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const x = (i / 3) % width;
      raw[i] = Math.min(255, Math.round((x / width) * 200) + (seed % 48));
    }
    png = await sharp(raw, { raw: { width, height: side, channels: 3 } })
      .png({ compressionLevel: 9 })
      .toBuffer();
  }
  return png;
}

/** Bytes on the wire (headers and encoded bodies) of every response a phone's first load of the page gets. */
async function firstLoadBytes(url: string): Promise<{ total: number; files: string[] }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3 });
    const page = await context.newPage();
    const responses: import('@playwright/test').Response[] = [];
    page.on('response', (r) => responses.push(r));
    await page.goto(url, { waitUntil: 'networkidle' });
    let total = 0;
    const files: string[] = [];
    for (const r of responses) {
      const sizes = await r.request().sizes();
      const n = sizes.responseBodySize + sizes.responseHeadersSize;
      total += n;
      files.push(`${new URL(r.url()).pathname.split('/').pop() || '/'}=${(n / 1024).toFixed(1)}`);
    }
    return { total, files };
  } finally {
    await browser.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);

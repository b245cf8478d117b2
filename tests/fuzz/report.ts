// The run's report: counts per endpoint and status, latencies (printed, never asserted), the
// books, and each kind of violation once with a reproduction that can be pasted into a shell.
import { inspect } from 'node:util';
import type { Call } from './call';
import { classKey, type FuzzResult, type Violation } from './run-fuzz';

const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0;

export function formatReport(
  r: FuzzResult,
  {
    seed,
    baseUrl,
    serverErrors,
    brief = false,
  }: { seed: number; baseUrl: string; serverErrors: (id: string) => string | undefined; brief?: boolean },
): string {
  const out: string[] = [];
  const line = (s = '') => out.push(s);
  const lat = [...r.latencies].sort((a, b) => a - b);
  line(
    `FUZZ seed=${seed} sent=${r.sent} in ${r.seconds.toFixed(0)} s ` +
      `(${(r.sent / Math.max(1, r.seconds)).toFixed(0)}/s)` +
      (r.stoppedEarly ? ' (stopped by the time limit)' : ''),
  );
  line(`LATENCY ms p50=${pct(lat, 50).toFixed(1)} p99=${pct(lat, 99).toFixed(1)} max=${(lat.at(-1) ?? 0).toFixed(1)}`);
  line(
    `STATUS ${[...r.byStatus]
      .sort()
      .map(([s, n]) => `${s}:${n}`)
      .join(' ')}`,
  );
  const fivexx = [...r.byStatus].filter(([s]) => Number(s) >= 500).reduce((s, [, n]) => s + n, 0);
  line(`5XX ${fivexx}`);
  line(`ENDPOINTS ${r.byEndpoint.size} reached`);
  if (!brief) {
    line('');
    line('per endpoint (count, max ms, outcomes):');
    for (const [name, s] of [...r.byEndpoint].sort(([a], [b]) => a.localeCompare(b))) {
      const top = [...s.statuses]
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `${k} ×${n}`)
        .join(', ');
      line(`  ${String(s.count).padStart(5)} ${s.maxMs.toFixed(0).padStart(6)} ms  ${name}: ${top}`);
    }
  }
  if (r.repairs.length) {
    line('');
    line(`lane repairs (through lib, outside the fuzz): ${r.repairs.length}`);
    for (const x of [...new Set(r.repairs)].slice(0, 10)) line(`  ${x}`);
  }
  line('');
  line(
    r.findings.length
      ? `BOOKS ${r.findings.length} finding(s):`
      : 'BOOKS reconcile: no drift, chances balance, every answered draw is its caller’s',
  );
  const byKind = new Map<string, typeof r.findings>();
  for (const f of r.findings) byKind.set(f.kind, [...(byKind.get(f.kind) ?? []), f]);
  for (const [kind, fs] of byKind) {
    line(`  ${kind} ×${fs.length}`);
    for (const f of fs.slice(0, 3)) line(`    ${f.subject}: ${f.detail}`);
  }
  if (r.harnessErrors.length) {
    line('');
    line(`HARNESS errors (requests the fuzz could not build; not counted as sent): ${r.harnessErrors.length}`);
    for (const e of r.harnessErrors.slice(0, 5)) line(`  ${e}`);
  }
  if (r.coverage.length) {
    line('');
    line('COVERAGE problems:');
    for (const c of r.coverage) line(`  ${c}`);
  }
  const classes = new Map<string, Violation[]>();
  for (const v of r.violations) classes.set(classKey(v), [...(classes.get(classKey(v)) ?? []), v]);
  line('');
  line(`VIOLATIONS ${r.violations.length} in ${classes.size} classes`);
  const order = [...classes].sort((a, b) => a[0].localeCompare(b[0]));
  for (const [k, vs] of order) {
    const first = vs[0]!;
    line('');
    line(`■ ${first.kind}: ${first.endpoint} — ${first.mutation ?? 'valid request'} → ${first.status}  ×${vs.length}`);
    const endpoints = [...new Set(vs.map((v) => v.on ?? v.call?.endpoint).filter((e) => e && e !== first.endpoint))];
    if (endpoints.length)
      line(`  on: ${endpoints.slice(0, 8).join(', ')}${endpoints.length > 8 ? `, … (${endpoints.length})` : ''}`);
    const wheres = [...new Set(vs.map((v) => v.where).filter(Boolean))];
    if (wheres.length) line(`  at: ${wheres.slice(0, 6).join(', ')}${wheres.length > 6 ? ', …' : ''}`);
    line(`  ${first.detail.slice(0, 400)}`);
    const logged = serverErrors(requestIdOf(first) ?? digestOf(first) ?? '\u0000none');
    if (logged) line(`  server log: ${logged.slice(0, 600)}`);
    if (first.kind !== 'refused request changed state' && first.concurrent?.length && first.mutation === null)
      line(`  in flight meanwhile: ${first.concurrent.slice(0, 4).join(' ; ')}`);
    const shrunk = r.shrunk.get(k);
    const repro = shrunk?.call ?? first.call;
    if (repro) {
      line(
        shrunk ? `  minimal reproduction (shrunk by fast-check; ${shrunk.outcome.slice(0, 200)}):` : '  reproduction:',
      );
      for (const l of formatCall(repro, baseUrl)) line(`    ${l}`);
    }
  }
  return out.join('\n');
}

/** Next's digest of an error a server action threw; the server log names the error beside it. */
function digestOf(v: Violation): string | undefined {
  return /"digest":"(\d+)"/.exec(v.detail)?.[1];
}

function requestIdOf(v: Violation): string | undefined {
  const m = /"requestId":"([^"]+)"/.exec(v.detail);
  return m?.[1];
}

/** Method, path, headers and body, and a curl line that sends the same bytes. */
export function formatCall(c: Call, baseUrl: string): string[] {
  const out = [...(c.change ? [`hostile change: ${c.change}`] : []), `${c.method} ${c.path}`];
  for (const [k, v] of Object.entries(c.headers))
    out.push(`${k}: ${v.length > 300 ? `${v.slice(0, 300)}… (${v.length} chars)` : v}`);
  if (c.action)
    out.push(
      `server action ${c.action.key}, arguments: ` +
        inspect(c.action.args, { depth: 5, maxStringLength: 200, breakLength: Infinity, maxArrayLength: 10 }),
    );
  if (c.body?.length) {
    const text = c.body.toString('utf8');
    out.push(
      `body (${c.body.length} bytes): ${JSON.stringify(text.length > 1_000 ? `${text.slice(0, 1_000)}…` : text)}`,
    );
  } else if (c.body) out.push('body: (empty)');
  if (!c.body || c.body.length <= 4_000) {
    const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
    const headers = Object.entries(c.headers)
      .filter(([k]) => k !== 'content-length')
      .map(([k, v]) => `-H ${q(`${k}: ${v}`)}`)
      .join(' ');
    const curl = `curl -sS -i -X ${c.method} ${headers} ${q(baseUrl + c.path)}`;
    out.push(c.body?.length ? `printf '%b' ${q(escapeForPrintf(c.body))} | ${curl} --data-binary @-` : curl);
  }
  return out;
}

function escapeForPrintf(b: Buffer): string {
  return [...b]
    .map((x) =>
      x >= 0x20 && x < 0x7f && x !== 0x5c && x !== 0x27
        ? String.fromCharCode(x)
        : `\\x${x.toString(16).padStart(2, '0')}`,
    )
    .join('');
}

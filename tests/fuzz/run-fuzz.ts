// The fuzz run against a started production server: lanes of one tenant each send generated
// requests one at a time; every answer is checked (never a 5xx, never a hang, a refusal changes
// nothing, API error shapes, redirects, forged origins); at the end the books must reconcile.
// The first example of each kind of violation is shrunk by fast-check to a minimal request.
import fc from 'fast-check';
import {
  checkAnsweredDraws,
  checkChances,
  drawsAfterEnd,
  hotStateDisagreements,
  nonCanonicalKeys,
  reconcileAll,
  waitForDrain,
  type AnsweredDraw,
  type Finding,
} from './books';
import { framingFindings, signInThrottleFindings } from './boundaries';
import type { Call, Ctx } from './call';
import { signIn } from './console-session';
import { changedParts, tenantDigest, type Digest } from './digest';
import { send, jsonOf, type Answer } from './http-client';
import { listRouteFiles, listServerActions, readActionIds, type ActionId } from './inventory';
import { buildModel, checkCoverage, type Endpoint } from './model';
import { hasErrorShape, isForeignRedirect, outcomeOf, redirectTarget, type Outcome } from './outcome';
import { PASSWORD, createStaff, createTenant, refreshTenant, shortId, tokenFor, type Tenant } from './world';
import type { Drawn } from './template';

export type FuzzOptions = {
  runs: number;
  seed: number;
  lanes: number;
  /** Stop sending new requests this long after the first (a bounded run). */
  maxSeconds?: number;
  /** Or stop sending at this time (ms since the epoch), whichever comes first. */
  stopSendingAt?: number;
  shrinkSeconds: number;
  baseUrl: string;
  prefix: string;
  root: string;
  distDir: string;
  log: (line: string) => void;
};

export type Violation = {
  kind: string;
  endpoint: string;
  mutation: string | null;
  where: string | null;
  status: string;
  detail: string;
  call?: Call;
  /** The endpoint the request went to (a class may gather several). */
  on?: string;
  index?: number;
  lane?: number;
  concurrent?: string[];
};

export type FuzzResult = {
  sent: number;
  byEndpoint: Map<string, { count: number; statuses: Map<string, number>; maxMs: number }>;
  byStatus: Map<string, number>;
  latencies: number[];
  violations: Violation[];
  findings: Finding[];
  repairs: string[];
  stoppedEarly: boolean;
  seconds: number;
  shrunk: Map<string, { call: Call; outcome: string }>;
  coverage: string[];
  /** Requests the harness itself failed to build or judge. */
  harnessErrors: string[];
};

/** End users of every tenant; "ik" and "ik:a" draw with keys "a:k1" and "k1", which must stay apart. */
const USERS = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'ik', 'ik:a'];

/**
 * Changes the platform must refuse wherever they land (a 4xx, a refused action): unclean text,
 * impossible or out-of-range dates, URLs that are not http(s), unclean token claims.
 */
const MUST_REFUSE = new Set([
  'text:nul',
  'text:c0-control',
  'text:lone-surrogate',
  'date:impossible',
  'date:out-of-range',
  'url:scheme',
  'token:sub-nul',
  'token:sub-control',
  'token:sub-surrogate',
  'token:dev-unclean',
]);

/** splitmix32: a seed for request `i` of run `seed`, and a second stream for picking endpoints. */
export function mix(seed: number, i: number, stream = 0): number {
  let z = (seed ^ Math.imul(i + 1, 0x9e3779b9) ^ Math.imul(stream + 1, 0x85ebca6b)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad) >>> 0;
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97) >>> 0;
  return (z ^ (z >>> 15)) >>> 0;
}

function pickEndpoint(model: Endpoint[], seed: number, i: number): Endpoint {
  const total = model.reduce((s, e) => s + e.weight, 0);
  let r = (mix(seed, i, 1) / 2 ** 32) * total;
  for (const e of model) {
    r -= e.weight;
    if (r < 0) return e;
  }
  return model[model.length - 1]!;
}

/** Time zones Node accepts (Intl) that PostgreSQL does not know. */
async function nodeOnlyZones(): Promise<string[]> {
  const { db } = await import('../../lib/db');
  const pg = new Set(
    (await db.$queryRawUnsafe<{ name: string }[]>('SELECT name FROM pg_timezone_names')).map((r) => r.name),
  );
  const candidates = [
    ...Intl.supportedValuesOf('timeZone'),
    'America/Ciudad_Juarez',
    'Europe/Kyiv',
    'Pacific/Kanton',
    'Asia/Calcutta',
    'US/Pacific-New',
    'Etc/Unknown',
  ];
  return [...new Set(candidates)].filter((z) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: z });
    } catch {
      return false;
    }
    return !pg.has(z);
  });
}

/** The page a server action is posted to: the one of its pages with the fewest parameters, filled in. */
function actionPager(ids: Map<string, ActionId>, t: () => Tenant) {
  return (key: string) => {
    const entry = ids.get(key);
    if (!entry) return undefined;
    const page = [...entry.pages].sort((a, b) => (a.match(/\[/g)?.length ?? 0) - (b.match(/\[/g)?.length ?? 0))[0]!;
    const tenant = t();
    const fill: Record<string, string> = {
      tenant: tenant.slug,
      activityId: tenant.view.activities[0]?.id ?? '00000000-0000-4000-8000-000000000000',
      prizeId: tenant.view.prizes[0]?.id ?? '00000000-0000-4000-8000-000000000000',
      token: 'x',
    };
    const path = `/${page
      .replace(/^app\//, '')
      .replace(/\/page$/, '')
      .split('/')
      .filter((s) => !/^\(.*\)$/.test(s))
      .map((s) => s.replace(/^\[(\w+)\]$/, (_m, p: string) => encodeURIComponent(fill[p] ?? 'x')))
      .join('/')}`;
    return { id: entry.id, path };
  };
}

type Lane = {
  index: number;
  t: Tenant;
  ctx: Ctx;
  sinceRefresh: number;
  dirty: boolean;
  critical: boolean;
  disagreements: Set<string>;
};

export async function runFuzz(o: FuzzOptions): Promise<FuzzResult> {
  const started = Date.now();
  const files = listRouteFiles(o.root);
  const built = readActionIds(o.distDir);
  const model = buildModel(files);
  const coverage = checkCoverage(files, listServerActions(o.root), model, built);
  const zones = await nodeOnlyZones();
  const run = shortId();
  o.log(
    `fuzz: seed ${o.seed}, ${o.runs} requests over ${model.length} endpoints ` +
      `(${files.length} route files, ${built.size} server actions), ${o.lanes} lanes`,
  );

  // The lanes share one operator per role (signed in once each); the bystander and the
  // intruder have their own, so a lane's session never opens either of them.
  const [laneStaff, byStaff, inStaff] = await Promise.all(['lanes', 'by', 'in'].map((x) => createStaff(`${run}-${x}`)));
  const [bystander, intruder, ...lanesT] = await Promise.all([
    createTenant(`fz-${run}-by`, USERS, byStaff!),
    createTenant(`fz-${run}-in`, USERS, inStaff!),
    ...Array.from({ length: o.lanes }, (_, i) => createTenant(`fz-${run}-${i}`, USERS, laneStaff!)),
  ]);
  const [owner, operator, analyst, intruderOwner] = await Promise.all(
    [laneStaff!.owner, laneStaff!.operator, laneStaff!.analyst, inStaff!.owner].map((m) =>
      signIn(o.baseUrl, m.email, PASSWORD),
    ),
  );
  for (const t of lanesT) t.sessions = { owner: owner!, operator: operator!, analyst: analyst! };
  intruder!.sessions = { owner: intruderOwner!, operator: '', analyst: '' };
  await seedBystander(o.baseUrl, bystander!);
  const probes = await probeSlots(o.baseUrl, lanesT[0]!);
  o.log(`fuzz: ${o.lanes + 2} tenants set up and signed in after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const uploads: string[] = [];
  const lanes: Lane[] = lanesT.map((t, index) => {
    const ctx: Ctx = {
      t,
      bystander: bystander!,
      intruder: intruder!,
      baseUrl: o.baseUrl,
      nodeOnlyZones: zones,
      uploads,
      actionPage: actionPager(built, () => t),
    };
    return { index, t, ctx, sinceRefresh: 0, dirty: false, critical: false, disagreements: new Set<string>() };
  });
  const scopeOf = (t: Tenant, call?: Call): Parameters<typeof tenantDigest>[0] => ({
    prefix: o.prefix,
    tenantId: t.id,
    activityIds: [
      ...new Set([
        ...t.view.activities.filter((a) => a.status !== 'DRAFT' && a.status !== 'ENDED').map((a) => a.id),
        ...(call?.activity ? [call.activity] : []),
      ]),
    ],
    users: [...new Set([...t.users, ...(call?.sub !== undefined ? [call.sub] : [])])],
  });
  const bystanderBefore = await tenantDigest(scopeOf(bystander!));

  const result: FuzzResult = {
    sent: 0,
    byEndpoint: new Map(),
    byStatus: new Map(),
    latencies: [],
    violations: [],
    findings: [],
    repairs: [],
    stoppedEarly: false,
    seconds: 0,
    shrunk: new Map(),
    coverage,
    harnessErrors: [],
  };
  // Every run checks that users "ik" and "ik:a" with keys "a:k1" and "k1" get two draws.
  const answered: AnsweredDraw[] = [...probes];
  const oracle = new Map<string, Set<string>>();
  const inFlight = new Map<number, string>();
  const firstOf = new Map<string, { lane: Lane; index: number; endpoint: Endpoint }>();
  const classCounts = new Map<string, number>();
  let deadline = Infinity;

  /** The rules one answer must keep; `before` is the tenant's digest taken just before it. */
  const judge = async (
    lane: Lane,
    call: Call,
    a: Answer,
    out: Outcome,
    before: Digest | null,
  ): Promise<Violation[]> => {
    const v: Violation[] = [];
    const base = { endpoint: call.endpoint, mutation: call.mutation, where: call.where, status: out.label, call };
    const grouped = { ...base, endpoint: classEndpoint(call) };
    if (a.hung) v.push({ ...grouped, kind: 'hang', detail: 'no answer within 10 s' });
    // Node's HTTP parser drops a request whose head passes 16 KB (431, or a reset): no route ran.
    else if (a.status === 0 && !headOverLimit(call))
      v.push({ ...grouped, kind: 'connection failed', detail: a.error ?? '' });
    else if (out.status >= 500) v.push({ ...grouped, kind: '5xx', detail: snippet(a) });
    // 431 comes from Node's HTTP parser (headers or URL over 16 KB) before any route runs.
    if (
      !a.hung &&
      a.status > 0 &&
      a.status !== 431 &&
      call.path.startsWith('/api/') &&
      !call.path.startsWith('/api/auth/') &&
      out.refused &&
      !call.action &&
      !call.expectMethodNotAllowed &&
      !hasErrorShape(a)
    ) {
      v.push({ ...base, kind: 'error body not in the API shape', detail: snippet(a) });
    }
    if (call.expectMethodNotAllowed && a.status > 0 && (a.status !== 405 || !hasErrorShape(a)))
      v.push({ ...grouped, kind: 'unserved method is not 405 in the API shape', detail: `${a.status} ${snippet(a)}` });
    if (call.checkRedirect) {
      const target = redirectTarget(a);
      if (target && isForeignRedirect(o.baseUrl, target))
        v.push({ ...base, kind: 'sign-in redirects off the console', detail: `redirect to ${target}` });
    }
    // next-auth answers every sign-in 200 with a URL; query strings are filters, never stored.
    const lenient = call.path.startsWith('/api/auth/') || call.where?.startsWith('query.');
    if (call.mutation && MUST_REFUSE.has(call.mutation) && out.ok && !lenient) {
      v.push({
        ...base,
        kind: 'hostile value accepted',
        detail: `${call.change ?? call.where} was accepted (${out.label})`,
      });
    }
    if (call.mutation === 'action:forged-origin' && a.status > 0 && a.status !== 403)
      v.push({ ...grouped, kind: 'forged-origin action is not 403', detail: `${a.status} ${out.label}` });
    if (before && out.refused) {
      const after = await tenantDigest(scopeOf(lane.t, call));
      const changed = changedParts(before, after);
      if (changed.length)
        v.push({ ...base, kind: 'refused request changed state', detail: `changed: ${changed.join(', ')}` });
    }
    if (out.ok && changesActivities(call)) {
      const now = await hotStateDisagreements(
        o.prefix,
        lane.t.view.activities.map((x) => x.id),
      );
      for (const d of now)
        if (!lane.disagreements.has(d))
          v.push({ ...base, kind: 'accepted change did not reach the live draw', detail: d });
      lane.disagreements = new Set(now);
    }
    return v;
  };

  const learn = (lane: Lane, call: Call, a: Answer, out: Outcome) => {
    if (out.ok) lane.dirty = true;
    const body = jsonOf(a) as Record<string, unknown> | undefined;
    if (
      call.endpoint === 'POST /api/v1/activities/[activityId]/draws' &&
      a.status === 200 &&
      typeof body?.drawId === 'string' &&
      call.sub !== undefined
    ) {
      answered.push({
        activity: call.activity ?? '',
        sub: call.sub,
        key: call.idempotencyKey ?? '',
        drawId: body.drawId,
        forgedIp: call.forgedIp,
      });
    }
    if (out.status === 401 && (call.mutation === 'token:unknown-tenant' || call.mutation === 'token:wrong-key')) {
      const msg = String((body?.error as { message?: string } | undefined)?.message ?? '');
      oracle.set(call.mutation, (oracle.get(call.mutation) ?? new Set()).add(msg));
    }
    if (!out.ok) return;
    const name = call.action?.key.split('#')[1];
    if (
      name &&
      [
        'rotateSecretAction',
        'revokeApiKeyAction',
        'changeMemberRoleAction',
        'removeMemberAction',
        'changeStatusAction',
        'deleteDraftAction',
        'archiveAction',
      ].includes(name)
    )
      lane.critical = true;
    if (/\/(end|pause)$/.test(call.endpoint)) lane.critical = true;
    const data = (out.result as { data?: Record<string, unknown> } | undefined)?.data;
    if (name === 'inviteMemberAction' && typeof data?.link === 'string')
      lane.t.inviteTokens.push(data.link.split('/').pop()!);
    if (name === 'acceptInvitationAction')
      lane.t.inviteTokens = lane.t.inviteTokens.filter((x) => !(call.action!.args as unknown[]).includes(x));
    if (call.endpoint.startsWith('POST /t/[tenant]/activities/banner') && typeof body?.url === 'string')
      uploads.push(body.url.split('/').pop()!);
  };

  const oneCall = async (
    lane: Lane,
    endpoint: Endpoint,
    d: Drawn,
    index?: number,
  ): Promise<{ call: Call; answer: Answer; out: Outcome; violations: Violation[] }> => {
    const call = await endpoint.render(lane.ctx, d);
    // A crowd's valid draws change the tenant at the same time: no digest for the call itself.
    const before = call.crowd ? null : await tenantDigest(scopeOf(lane.t, call));
    const id = index ?? -1;
    inFlight.set(id, `lane ${lane.index}: ${call.method} ${call.path.slice(0, 120)} (${call.mutation ?? 'valid'})`);
    const companions = call.crowd ? crowdOf(lane.t, call.crowd) : [];
    const [answer, ...others] = await Promise.all([
      send(o.baseUrl, call),
      ...companions.map((c) => send(o.baseUrl, c)),
    ]);
    inFlight.delete(id);
    const out = outcomeOf(call, answer!);
    const crowdViolations: Violation[] = [];
    others.forEach((a, i) => {
      const c = companions[i]!;
      const body = jsonOf(a) as { drawId?: unknown } | undefined;
      if (a.status === 200 && typeof body?.drawId === 'string')
        answered.push({ activity: c.activity!, sub: c.sub!, key: c.idempotencyKey!, drawId: body.drawId });
      if (a.hung || a.status >= 500 || a.status === 0) {
        // Filed without the crowd draw's own change: the draw that broke the batch may be any
        // request in flight at that moment, this lane's or another's.
        crowdViolations.push({
          kind: 'valid draw failed beside another',
          endpoint: 'POST /api/v1/activities/[activityId]/draws (a valid draw in a crowd)',
          mutation: null,
          where: null,
          status: outcomeOf(c, a).label,
          call,
          detail: `a valid draw by ${c.sub} got ${a.status} beside ${call.mutation ?? 'a valid draw'}: ${snippet(a)}`,
        });
      }
    });
    // A draw that found no hot state started a rebuild in the background; let it finish, or its
    // write would be charged to the next request.
    if (out.code === 'ACTIVITY_REBUILDING' && call.activity) await settleRebuild(o.prefix, call.activity);
    const violations = [...(await judge(lane, call, answer!, out, before)), ...crowdViolations];
    return { call, answer: answer!, out, violations };
  };

  /** Valid draws by the lane's users in its live activity, to send beside a crowd draw. */
  const crowdOf = (t: Tenant, n: number): Call[] => {
    const a = t.view.activities.find((x) => x.status === 'LIVE');
    if (!a) return [];
    return Array.from({ length: n }, (_, i) => {
      const sub = t.users[i % t.users.length]!;
      const key = `crowd-${shortId()}-${i}`;
      return {
        endpoint: 'POST /api/v1/activities/[activityId]/draws (crowd)',
        method: 'POST',
        path: `/api/v1/activities/${a.id}/draws`,
        headers: { authorization: `Bearer ${tokenFor(t, sub)}`, 'idempotency-key': key },
        mutation: null,
        where: null,
        sub,
        activity: a.id,
        idempotencyKey: key,
      };
    });
  };

  const laneLoop = async (lane: Lane) => {
    for (let i = lane.index; i < o.runs; i += o.lanes) {
      if (Date.now() > deadline) {
        result.stoppedEarly = true;
        return;
      }
      if ((lane.dirty && (lane.sinceRefresh >= 5 || lane.critical)) || lane.sinceRefresh >= 25) {
        for (const r of await refreshTenant(lane.t)) result.repairs.push(`lane ${lane.index}: ${r}`);
        lane.sinceRefresh = 0;
        lane.dirty = lane.critical = false;
      }
      lane.sinceRefresh++;
      const endpoint = pickEndpoint(model, o.seed, i);
      const [d] = fc.sample(endpoint.arbitrary(lane.ctx), { seed: mix(o.seed, i) | 0, numRuns: 1 });
      const concurrent = [...inFlight.values()];
      let sent: Awaited<ReturnType<typeof oneCall>>;
      try {
        sent = await oneCall(lane, endpoint, d!, i);
      } catch (err) {
        // The harness could not build or judge this request (not the server's doing): say so, go on.
        result.harnessErrors.push(
          `${endpoint.name} #${i}: ${String((err as Error).stack ?? err)
            .split('\n')
            .slice(0, 3)
            .join(' ')}`,
        );
        continue;
      }
      const { call, answer, out, violations } = sent;
      result.sent++;
      result.latencies.push(answer.ms);
      const s = result.byEndpoint.get(endpoint.name) ?? { count: 0, statuses: new Map(), maxMs: 0 };
      s.count++;
      s.statuses.set(out.label, (s.statuses.get(out.label) ?? 0) + 1);
      s.maxMs = Math.max(s.maxMs, answer.ms);
      result.byEndpoint.set(endpoint.name, s);
      result.byStatus.set(String(out.status), (result.byStatus.get(String(out.status)) ?? 0) + 1);
      for (const v of violations) {
        const k = classKey(v);
        // A long run keeps the requests of the first few of each kind only.
        const seen = (classCounts.get(k) ?? 0) + 1;
        classCounts.set(k, seen);
        const on = v.call?.endpoint;
        result.violations.push(
          seen <= 3
            ? { ...v, on, index: i, lane: lane.index, concurrent }
            : { ...v, on, call: undefined, index: i, lane: lane.index },
        );
        if (!firstOf.has(k)) {
          firstOf.set(k, { lane, index: i, endpoint });
          o.log(
            `violation: ${v.kind} — ${v.endpoint} (${v.mutation ?? 'valid'}${v.where ? ` at ${v.where}` : ''})` +
              ` → ${v.status}`,
          );
        }
      }
      learn(lane, call, answer, out);
      if (result.sent % 500 === 0)
        o.log(
          `  ${result.sent} sent, ${result.violations.length} violations, ` +
            `${Math.round((Date.now() - started) / 1000)} s`,
        );
    }
  };

  const loopStarted = Date.now();
  if (o.maxSeconds) deadline = loopStarted + o.maxSeconds * 1000;
  if (o.stopSendingAt) deadline = Math.min(deadline, o.stopSendingAt);
  await Promise.all(lanes.map(laneLoop));
  result.seconds = (Date.now() - loopStarted) / 1000;

  // Minimal reproductions: fast-check replays the first example of each kind with its seed and shrinks it.
  const shrinkUntil = Math.min(Date.now() + o.shrinkSeconds * 1000, (o.stopSendingAt ?? Infinity) + 5_000);
  for (const [k, first] of firstOf) {
    if (Date.now() > shrinkUntil) break;
    const kind = k.split(' | ')[0]!;
    if (
      ![
        '5xx',
        'hang',
        'refused request changed state',
        'error body not in the API shape',
        'forged-origin action is not 403',
        'sign-in redirects off the console',
        'unserved method is not 405 in the API shape',
      ].includes(kind)
    )
      continue;
    let last: { call: Call; outcome: string } | undefined;
    await fc.check(
      fc.asyncProperty(first.endpoint.arbitrary(first.lane.ctx), async (d) => {
        const r = await oneCall(first.lane, first.endpoint, d).catch(() => null);
        if (!r) return true;
        const again = r.violations.find((v) => classKey(v) === k);
        if (again) last = { call: r.call, outcome: `${r.out.label}: ${again.detail}` };
        return !again;
      }),
      {
        seed: mix(o.seed, first.index) | 0,
        numRuns: 1,
        interruptAfterTimeLimit: Math.max(1_000, Math.min(20_000, shrinkUntil - Date.now())),
        markInterruptAsFailure: false,
      },
    );
    if (last) result.shrunk.set(k, last);
  }

  // The books.
  const everyActivity = [...lanes.map((l) => l.t), bystander!].flatMap((t) => t.view.activities.map((a) => a.id));
  for (const l of lanes) await refreshTenant(l.t);
  const allIds = [...new Set([...everyActivity, ...lanes.flatMap((l) => l.t.view.activities.map((a) => a.id))])];
  const backlog = await waitForDrain(o.prefix, allIds);
  if (backlog)
    result.findings.push({
      kind: 'books:stream not drained',
      subject: `${backlog} entries`,
      detail: 'the draw-log worker stopped draining the streams (an entry it cannot write stays in the stream)',
    });
  result.findings.push(...(await reconcileAll(allIds)));
  result.findings.push(...(await checkChances(o.prefix, allIds)));
  result.findings.push(...(await checkAnsweredDraws(answered, new URL(o.baseUrl).hostname)));
  result.findings.push(...(await drawsAfterEnd(allIds)));
  for (const d of await hotStateDisagreements(o.prefix, allIds))
    result.findings.push({ kind: 'books:hot state disagrees with the records', subject: 'activity', detail: d });
  const oddKeys = await nonCanonicalKeys(o.prefix);
  if (oddKeys.length)
    result.findings.push({
      kind: 'redis-key:built from request text',
      subject: `${oddKeys.length} keys`,
      detail: oddKeys
        .slice(0, 5)
        .map((x) => JSON.stringify(x))
        .join(', '),
    });
  const unknown = oracle.get('token:unknown-tenant');
  const wrong = oracle.get('token:wrong-key');
  if (unknown && wrong && ![...unknown].some((m) => wrong.has(m))) {
    result.findings.push({
      kind: 'token errors tell whether a tenant exists',
      subject: 'user-token 401s',
      detail: `unknown tenant: ${[...unknown].join(' | ')}; known tenant, wrong key: ${[...wrong].join(' | ')}`,
    });
  }
  const bystanderAfter = await tenantDigest(scopeOf(bystander!));
  const moved = changedParts(bystanderBefore, bystanderAfter);
  if (moved.length)
    result.findings.push({
      kind: 'cross-tenant: the bystander tenant changed',
      subject: bystander!.slug,
      detail: `changed: ${moved.join(', ')}`,
    });
  // Boundaries the request stream cannot show one request at a time; sign-in throttling runs
  // last, against the intruder's analyst, so it cannot lock anything the run still needs.
  const lane0 = lanes[0]!.t;
  result.findings.push(
    ...(await framingFindings(o.baseUrl, [
      { path: '/signin' },
      { path: `/t/${lane0.slug}/activities`, cookie: lane0.sessions.owner },
    ])),
  );
  result.findings.push(...(await signInThrottleFindings(o.baseUrl, intruder!.analyst.email)));
  await removeUploads(o.root, uploads);
  return result;
}

/**
 * The endpoint a violation is filed under. Attacks on the server-action protocol itself and
 * unserved methods behave alike on every action and route: one class each, not one per endpoint.
 */
function classEndpoint(call: Call): string {
  if (call.expectMethodNotAllowed) return 'any /api route, a method it does not serve';
  if (
    call.action &&
    (call.mutation?.startsWith('action-protocol:') ||
      call.mutation?.startsWith('action:') ||
      (call.mutation === 'array:repeated' && call.where === 'args'))
  )
    return 'any server action';
  return call.endpoint;
}

/** Requests that, answered 2xx, must have changed the live draw's configuration too. */
function changesActivities(call: Call): boolean {
  if (/^(PATCH|POST) \/api\/manage\/activities\/\[id\]/.test(call.endpoint)) return true;
  return /#(changeStatusAction|adjustTierAction|publishAction)$/.test(call.action?.key ?? '');
}

function headOverLimit(call: Call): boolean {
  return (
    Buffer.byteLength(call.path) +
      Object.entries(call.headers).reduce((s, [k, v]) => s + Buffer.byteLength(k) + Buffer.byteLength(v) + 4, 0) >
    16 * 1024 - 512
  );
}

async function settleRebuild(prefix: string, activity: string) {
  const { requestRedis } = await import('../../lib/redis');
  const redis = await requestRedis();
  await new Promise((r) => setTimeout(r, 100));
  for (
    let i = 0;
    i < 50 &&
    (await redis.exists(
      `${prefix}:{act:${activity}}:rebuild-lock`,
      `${prefix}:{act:${activity.toLowerCase()}}:rebuild-lock`,
    ));
    i++
  ) {
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const classKey = (v: Violation) => `${v.kind} | ${v.endpoint} | ${v.mutation ?? 'valid'} | ${v.status}`;

function snippet(a: Answer): string {
  const text = a.body.toString('utf8');
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** Draws and a task in the bystander's live activity, so its ids name real rows. */
async function seedBystander(baseUrl: string, t: Tenant) {
  const a = t.view.activities.find((x) => x.status === 'LIVE');
  if (!a) return;
  await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      send(baseUrl, {
        method: 'POST',
        path: `/api/v1/activities/${a.id}/draws`,
        headers: { authorization: `Bearer ${tokenFor(t, USERS[i % USERS.length]!)}`, 'idempotency-key': `seed-${i}` },
      }),
    ),
  );
  const task = a.tasks.find((x) => x.kind === 'SHARE');
  if (task)
    await send(baseUrl, {
      method: 'POST',
      path: `/api/v1/activities/${a.id}/tasks/${task.id}/complete`,
      headers: { authorization: `Bearer ${tokenFor(t, 'u1')}` },
    });
  await refreshTenant(t);
}

/** Two draws whose user and key would join into the same text if joined by a plain ':'. */
async function probeSlots(baseUrl: string, t: Tenant): Promise<AnsweredDraw[]> {
  const a = t.view.activities.find((x) => x.status === 'LIVE');
  if (!a) return [];
  const out: AnsweredDraw[] = [];
  for (const [sub, key] of [
    ['ik', 'a:k1'],
    ['ik:a', 'k1'],
  ] as const) {
    const res = await send(baseUrl, {
      method: 'POST',
      path: `/api/v1/activities/${a.id}/draws`,
      headers: { authorization: `Bearer ${tokenFor(t, sub)}`, 'idempotency-key': key },
    });
    const body = jsonOf(res) as { drawId?: unknown } | undefined;
    if (typeof body?.drawId === 'string') out.push({ activity: a.id, sub, key, drawId: body.drawId });
  }
  return out;
}

async function removeUploads(root: string, names: string[]) {
  const { rm } = await import('node:fs/promises');
  const path = await import('node:path');
  for (const n of names) if (/^[0-9a-f-]{36}\.\w+$/.test(n)) await rm(path.join(root, 'uploads', n), { force: true });
}

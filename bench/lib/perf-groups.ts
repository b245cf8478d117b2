// The groups bench/perf-http.ts sorts the web processes' CPU samples into.

/** A sample's group, from its frames (innermost first) as `perf script -F ip,sym,dso` writes them. */
export function groupOf(frames: string[]): string {
  const leaf = frames[0] ?? '';
  // V8's own threads: its optimizing compiler, or the GC's concurrent and parallel work.
  if (frames.some((f) => f.includes('PlatformWorkerThread')))
    return frames.some((f) => /compiler::|Compil|Turbofan|Maglev/.test(f)) ? 'v8_compiler' : 'gc';
  if (leaf.includes('[kernel.kallsyms]')) return 'kernel';
  if (/Scaveng|MarkCompact|ConcurrentMarking|Heap::|GCTracer|Sweeper|MarkingVisitor|Evacuat/.test(leaf)) return 'gc';
  if (/llhttp|node::\(anonymous namespace\)::Parser/.test(leaf)) return 'http_parser';
  const js = frames.find((f) => f.includes(' JS:'));
  if (!js) return 'native_other';
  const url = js.slice(js.indexOf(' JS:'));
  const groups: [RegExp, string][] = [
    [/async_hooks/, 'async_hooks'],
    [/node_modules\/(ioredis|redis-parser|standard-as-callback)\//, 'ioredis'],
    [/node_modules\/pg(-protocol|-pool)?\//, 'pg'],
    [/node_modules\/next\/dist\/compiled\/compression/, 'compression'],
    [/node_modules\/next\//, 'next'],
    [/\.next[\w-]*\/server\//, 'app'],
    [/\.server-build\/server\.mjs/, 'lane'],
    [/node:_http|node:http/, 'node_http'],
    [/streams|stream_base/, 'node_streams'],
    [/task_queues|timers|node:internal\/process/, 'node_ticks_timers'],
    [/undici/, 'undici'],
  ];
  return groups.find(([re]) => re.test(url))?.[1] ?? 'js_other';
}

/**
 * The stages of a server's work that `perf script` can name in Debian's builds (which keep only
 * exported symbols), each matched anywhere in a sample's stack: a sample counts in every stage it
 * is inside, so the shares overlap (an index insert inside a foreign-key check's query counts in
 * both). The kernel counts only a kernel leaf.
 */
export type Stages = [string, RegExp][];

export const POSTGRES_STAGES: Stages = [
  ['parse_plan', /\b(pg_parse_query|pg_analyze_and_rewrite\w*|pg_plan_queries|GetCachedPlan|BuildCachedPlan)\b/],
  ['executor', /\bstandard_ExecutorRun\b/],
  // The after-row triggers of the statement: here the foreign keys' checks (RI_FKey_check_ins
  // tail-calls a static function, so it never shows in a stack).
  ['fk_triggers', /\bAfterTriggerEndQuery\b/],
  ['heap_insert', /\b(heap_insert|heap_multi_insert)\b/],
  ['index_insert', /\b(index_insert|_bt_doinsert)\b/],
  ['row_locks', /\b(heap_lock_tuple|MultiXactIdCreate\w*)\b/],
  // ON CONFLICT: the arbiter indexes' look-up before each insert (DO UPDATE is inlined into
  // ExecInsert, so Participation's update has no stage of its own).
  ['conflict_checks', /\bExecCheckIndexConstraints\b/],
  ['array_input', /\b(array_in|array_recv|ExecMakeTableFunctionResult)\b/],
  ['wal', /\b(XLogInsert|XLogFlush|XLogBackgroundFlush|XLogWrite)\b/],
  ['commit', /\bCommitTransactionCommand\b/],
  ['client_io', /\b(pq_getbyte|pq_flush|secure_read|secure_write|pq_getmessage)\b/],
  ['kernel', /\[kernel\.kallsyms\]/],
];

export const REDIS_STAGES: Stages = [
  ['scripts', /\b(evalGenericCommand|evalShaCommand|evalCommand)\b/],
  ['commands_in_scripts', /\b(luaRedisGenericCommand|luaRedisCallCommand|scriptCall)\b/],
  ['lua_strings', /\b(lua_pushlstring|luaS_newlstr|luaH_\w+)\b/],
  ['read_requests', /\b(readQueryFromClient|processInputBuffer|processMultibulkBuffer)\b/],
  ['write_replies', /\b(writeToClient|_writeToClient|handleClientsWithPendingWrites\w*)\b/],
  ['expire_cycle', /\b(activeExpireCycle|databasesCron)\b/],
  ['kernel', /\[kernel\.kallsyms\]/],
];

/** The stages of `stages` a sample's stack is inside. */
export function stagesOf(stages: Stages, frames: string[]): string[] {
  return stages
    .filter(([name, re]) => (name === 'kernel' ? re.test(frames[0] ?? '') : frames.some((f) => re.test(f))))
    .map(([name]) => name);
}

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

import { describe, expect, it } from 'vitest';
import { groupOf, POSTGRES_STAGES, stagesOf } from '@/bench/lib/perf-groups';

// Frames as `perf script -F ip,sym,dso` writes them, innermost first.
const js = (name: string, url: string) => `7f00 JS:*${name} ${url} (/tmp/perf-1.map)`;

describe("perf-http's sample groups", () => {
  it('puts a sample in the group of its innermost frame that says anything', () => {
    expect(
      groupOf(['ffff tcp_sendmsg ([kernel.kallsyms])', js('send', 'file:///w/.server-build/server.mjs:9:1')]),
    ).toBe('kernel');
    expect(groupOf(['1e2 v8::internal::ScavengerCollector::CollectGarbage (/usr/bin/node)'])).toBe('gc');
    expect(groupOf(['1e2 llhttp__internal_execute (/usr/bin/node)'])).toBe('http_parser');
    expect(
      groupOf([
        '1e2 Builtins_KeyedLoadIC_Megamorphic (/usr/bin/node)',
        js('promiseInitHook', 'node:internal/async_hooks:320:25'),
      ]),
    ).toBe('async_hooks');
    expect(groupOf([js('toWritable', '/w/node_modules/ioredis/built/Command.js:111:15')])).toBe('ioredis');
    expect(groupOf([js('arrayString', '/w/node_modules/pg/lib/utils.js:23:21')])).toBe('pg');
    expect(groupOf([js('end', '/w/node_modules/next/dist/compiled/compression/index.js:21:1')])).toBe('compression');
    expect(groupOf([js('executeDraw', '/w/.next-bench/server/chunks/x.js:1:1')])).toBe('app');
    expect(groupOf([js('serve', 'file:///w/.server-build/server.mjs:948:21')])).toBe('lane');
    expect(groupOf([js('writevGeneric', 'node:internal/stream_base_commons:123:23')])).toBe('node_streams');
    expect(groupOf(['1e2 malloc (/usr/lib/x86_64-linux-gnu/libc.so.6)'])).toBe('native_other');
  });

  it("sorts V8's worker threads into its compiler and its GC", () => {
    const thread = [
      '2 node::(anonymous namespace)::PlatformWorkerThread (/usr/bin/node)',
      '3 start_thread (libc.so.6)',
    ];
    expect(groupOf(['1 v8::internal::compiler::GraphReducer::ReduceTop (/usr/bin/node)', ...thread])).toBe(
      'v8_compiler',
    );
    expect(groupOf(['1 v8::internal::ConcurrentMarking::RunMajor (/usr/bin/node)', ...thread])).toBe('gc');
    expect(
      groupOf(['ffff clear_page_erms ([kernel.kallsyms])', '1 v8::internal::Scavenger::ScavengePage', ...thread]),
    ).toBe('gc');
  });
});

describe("perf-http's PostgreSQL stages", () => {
  it('counts a sample in every stage its stack is inside', () => {
    const frames = [
      '1 _bt_doinsert (/usr/lib/postgresql/15/bin/postgres)',
      '2 btinsert (/usr/lib/postgresql/15/bin/postgres)',
      '3 RI_FKey_check_ins (/usr/lib/postgresql/15/bin/postgres)',
      '4 AfterTriggerEndQuery (/usr/lib/postgresql/15/bin/postgres)',
      '5 standard_ExecutorRun (/usr/lib/postgresql/15/bin/postgres)',
    ];
    expect(stagesOf(POSTGRES_STAGES, frames)).toEqual(['executor', 'fk_triggers', 'index_insert']);
  });

  it('counts the kernel only when it is the innermost frame', () => {
    expect(stagesOf(POSTGRES_STAGES, ['ffff copy_user ([kernel.kallsyms])', '1 secure_read (/pg)'])).toEqual([
      'client_io',
      'kernel',
    ]);
    expect(stagesOf(POSTGRES_STAGES, ['1 XLogInsert (/pg)', 'ffff entry_SYSCALL_64 ([kernel.kallsyms])'])).toEqual([
      'wal',
    ]);
  });
});

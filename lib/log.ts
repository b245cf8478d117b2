// Structured JSON logs, one line each, carrying the request id of the current request.
import { AsyncLocalStorage } from 'node:async_hooks';
import { config } from './config';

type Fields = Record<string, unknown>;
const levels = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 } as const;
type Level = Exclude<keyof typeof levels, 'silent'>;

const context = new AsyncLocalStorage<{ requestId: string }>();

export function withRequestContext<T>(requestId: string, fn: () => T): T {
  return context.run({ requestId }, fn);
}

export function currentRequestId(): string | undefined {
  return context.getStore()?.requestId;
}

function write(level: Level, msg: string, fields?: Fields) {
  if (levels[level] < levels[config().LOG_LEVEL]) return;
  const line = JSON.stringify(
    {
      t: new Date().toISOString(),
      level,
      msg,
      requestId: currentRequestId(),
      ...fields,
    },
    (_k, v) => (typeof v === 'bigint' ? v.toString() : v),
  );
  (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(line + '\n');
}

export const log = {
  debug: (msg: string, fields?: Fields) => write('debug', msg, fields),
  info: (msg: string, fields?: Fields) => write('info', msg, fields),
  warn: (msg: string, fields?: Fields) => write('warn', msg, fields),
  error: (msg: string, fields?: Fields) => write('error', msg, fields),
};

export function errorFields(err: unknown): Fields {
  if (err instanceof Error) return { err: { name: err.name, message: err.message, stack: err.stack } };
  return { err: String(err) };
}

import type { z } from 'zod';

/** The query string as a plain object, for a strict zod schema to judge. */
export function searchParams(req: Request): Record<string, string> {
  return Object.fromEntries(new URL(req.url).searchParams);
}

type RawParams = Record<string, string | string[] | undefined>;

/**
 * The console's filters from a query string: each field that parses with its schema, the others
 * dropped (a hand-edited URL shows less filtered, never an error). Only parsed keys are present.
 */
export function pickQuery<F extends Record<string, z.ZodType>>(
  raw: RawParams,
  fields: F,
): { [K in keyof F]?: z.infer<F[K]> } {
  const out: { [K in keyof F]?: z.infer<F[K]> } = {};
  for (const key of Object.keys(fields) as (keyof F & string)[]) {
    const value = raw[key];
    const parsed = fields[key]!.safeParse(typeof value === 'string' ? value : undefined);
    if (parsed.success && parsed.data !== undefined) out[key] = parsed.data as z.infer<F[typeof key]>;
  }
  return out;
}

/** `path` with the non-empty values as its query string. */
export function hrefWithQuery(path: string, values: Record<string, string | undefined>): string {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) qs.set(key, value);
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

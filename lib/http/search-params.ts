/** The query string as a plain object, for a strict zod schema to judge. */
export function searchParams(req: Request): Record<string, string> {
  return Object.fromEntries(new URL(req.url).searchParams);
}

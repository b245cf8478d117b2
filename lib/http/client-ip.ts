/** The caller's address as the load balancer saw it (first X-Forwarded-For hop), if any. */
export function clientIp(req: Request): string | null {
  const forwarded = req.headers.get('x-forwarded-for');
  if (forwarded) return forwarded.split(',')[0]!.trim().slice(0, 64) || null;
  return req.headers.get('x-real-ip')?.slice(0, 64) ?? null;
}

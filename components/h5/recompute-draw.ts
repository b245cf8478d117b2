// A draw recomputed in the browser with Web Crypto (docs/fairness.md), for the play page's
// verify dialog and the rules page's verify form. Self-contained on purpose: the rules page,
// which ships no bundle, inlines this function's source.
export async function recomputeDraw(
  seedHex: string,
  activityId: string,
  userId: string,
  idempotencyKey: string,
  odds: number[],
): Promise<{ i: number; r: number; tier: number | null }> {
  const bytes = new Uint8Array((seedHex.match(/[0-9a-f]{2}/gi) ?? []).map((h) => parseInt(h, 16)));
  const key = await crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  for (let i = 0; ; i++) {
    const m = new TextEncoder().encode(JSON.stringify([activityId, userId, idempotencyKey, i]));
    const x = new DataView(await crypto.subtle.sign('HMAC', key, m)).getBigUint64(0);
    if (x >= BigInt('18446744073709000000')) continue;
    const r = Number(x % BigInt(1000000));
    let sum = 0;
    const tier = odds.findIndex((p) => r < (sum += p));
    return { i, r, tier: tier < 0 ? null : tier };
  }
}

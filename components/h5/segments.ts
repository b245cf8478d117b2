// The board a gameplay draws: each tier once, with "no prize" slots between them when losing
// is possible. Purely visual; the odds are what the rules page discloses and the server draws.
export type Segment = { key: string; tierId: string | null; label: string };

export function segmentsOf(
  tiers: { id: string; name: string }[],
  canLose: boolean,
  noPrizeLabel: string,
  minimum = 0,
): Segment[] {
  const base: Segment[] = [];
  for (const t of tiers) {
    base.push({ key: t.id, tierId: t.id, label: t.name });
    if (canLose) base.push({ key: `none-${t.id}`, tierId: null, label: noPrizeLabel });
  }
  if (base.length === 0) base.push({ key: 'none', tierId: null, label: noPrizeLabel });
  const out = [...base];
  for (let i = 0; out.length < minimum; i++)
    out.push({ ...base[i % base.length]!, key: `${base[i % base.length]!.key}-${i}` });
  return out;
}

/** Index of a segment showing the target (a tier id, or null for no prize). */
export function indexOfTarget(segments: Segment[], tierId: string | null, from = 0): number {
  for (let i = 0; i < segments.length; i++) {
    const j = (from + i) % segments.length;
    if (segments[j]!.tierId === tierId) return j;
  }
  return -1;
}

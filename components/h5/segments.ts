// The board a gameplay draws: each tier once, with "no prize" slots between them when losing
// is possible. Purely visual; the odds are what the rules page discloses and the server draws.
// A slot shows the tier's prize (name and image where the prize has one), else the tier's name.
// With `sizeByOdds` each slot's weight follows the odds (the no-prize share split evenly between
// the no-prize slots), floored so that a rare prize stays visible and tappable to the eye.
import type { BoardTier } from '@/lib/h5/page-props';

export type Segment = { key: string; tierId: string | null; label: string; imageUrl: string | null; weight: number };

/** The smallest share of the wheel a slot gets when sizes follow the odds. */
export const MIN_SLICE_SHARE = 0.04;

export function prizeLabel(tier: BoardTier): string {
  if (tier.prizes.length === 0) return tier.name;
  return tier.prizes.map((p) => (p.quantity > 1 ? `${p.name} ×${p.quantity}` : p.name)).join(' + ');
}

export function segmentsOf(
  tiers: BoardTier[],
  canLose: boolean,
  noPrizeLabel: string,
  { minimum = 0, sizeByOdds = false }: { minimum?: number; sizeByOdds?: boolean } = {},
): Segment[] {
  const base: Segment[] = [];
  const winShare = tiers.reduce((s, t) => s + t.probability, 0);
  const noWinSlots = canLose ? Math.max(1, tiers.length) : 0;
  const noWinWeight = canLose ? Math.max(0, 1 - winShare) / noWinSlots : 0;
  for (const t of tiers) {
    const imageUrl = t.prizes.find((p) => p.imageUrl)?.imageUrl ?? null;
    base.push({ key: t.id, tierId: t.id, label: prizeLabel(t), imageUrl, weight: t.probability });
    if (canLose) {
      const noWin = { tierId: null, label: noPrizeLabel, imageUrl: null, weight: noWinWeight };
      base.push({ key: `none-${t.id}`, ...noWin });
    }
  }
  if (base.length === 0) base.push({ key: 'none', tierId: null, label: noPrizeLabel, imageUrl: null, weight: 1 });
  if (sizeByOdds) return normalised(base);
  const out = [...base];
  for (let i = 0; out.length < minimum; i++)
    out.push({ ...base[i % base.length]!, key: `${base[i % base.length]!.key}-${i}` });
  return out.map((s) => ({ ...s, weight: 1 / out.length }));
}

/** Weights that add up to 1, none below MIN_SLICE_SHARE (taken from the larger ones). */
function normalised(segments: Segment[]): Segment[] {
  const total = segments.reduce((s, x) => s + x.weight, 0) || 1;
  const shares = segments.map((s) => s.weight / total);
  const floor = Math.min(MIN_SLICE_SHARE, 1 / segments.length);
  const small = shares.filter((x) => x < floor).length;
  const largeSum = shares.filter((x) => x >= floor).reduce((s, x) => s + x, 0);
  const scale = largeSum > 0 ? (1 - small * floor) / largeSum : 0;
  return segments.map((s, i) => ({ ...s, weight: shares[i]! < floor ? floor : shares[i]! * scale }));
}

/** Where each segment starts and ends, in degrees clockwise from the top. */
export function segmentAngles(segments: Segment[]): { from: number; to: number }[] {
  let at = 0;
  return segments.map((s) => {
    const from = at;
    at += s.weight * 360;
    return { from, to: at };
  });
}

/** Index of a segment showing the target (a tier id, or null for no prize). */
export function indexOfTarget(segments: Segment[], tierId: string | null, from = 0): number {
  for (let i = 0; i < segments.length; i++) {
    const j = (from + i) % segments.length;
    if (segments[j]!.tierId === tierId) return j;
  }
  return -1;
}

/**
 * A label broken into at most `maxLines` lines of about `perLine` characters (a CJK character
 * counts twice), and the font scale that fits the longest line; nothing is cut off.
 */
export function fitLabel(label: string, perLine: number, maxLines = 3): { lines: string[]; scale: number } {
  const width = (s: string) => [...s].reduce((n, c) => n + (/[\u2e80-\uffff]/.test(c) ? 2 : 1), 0);
  const words = label.split(/\s+/).filter(Boolean);
  // CJK text has no spaces: break between characters.
  const tokens = words.flatMap((w) => (/[\u2e80-\uffff]/.test(w) && width(w) > perLine ? [...w] : [w]));
  const cjkJoin = (a: string, b: string) => /[\u2e80-\uffff]$/.test(a) && /^[\u2e80-\uffff]/.test(b);
  for (let budget = perLine; ; budget += 2) {
    const lines: string[] = [];
    for (const tok of tokens) {
      const last = lines[lines.length - 1];
      const joined = last === undefined ? tok : cjkJoin(last, tok) ? last + tok : `${last} ${tok}`;
      if (last !== undefined && width(joined) <= budget) lines[lines.length - 1] = joined;
      else lines.push(tok);
    }
    if (lines.length <= maxLines || budget > 200) {
      const widest = Math.max(1, ...lines.map(width));
      return { lines, scale: Math.min(1, perLine / widest) };
    }
  }
}

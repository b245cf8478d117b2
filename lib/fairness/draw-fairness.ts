// What a draw's proof needs beside its row (docs/fairness.md): the Draw's `fairness` column.

export type DrawFairness = {
  /** The seed's id. */
  s: string;
  i: number;
  r: number;
  /** The picked tier's index in the odds, or null (no tier picked). */
  t: number | null;
  f: 'none' | 'stock' | 'pacing' | 'limit' | 'policy';
  /** The odds in force, micros in tier order. */
  o: number[];
};

/**
 * A fixed winner's Draw `fairness` (docs/fairness.md, "Fixed winners"): where the reservoir put
 * them and the number that did, so with the revealed seed and the participant count anyone can
 * replay the sampling and see them keep their slot.
 */
export type FixedWinnerFairness = {
  k: 'fixed-winners';
  /** The seed's id. */
  s: string;
  /** Participants sampled, the winners wanted (N) and drawn (c ≤ N, what the stock covered). */
  n: number;
  w: number;
  c: number;
  /** The winner's 0-based position among the participants, in ascending order of user id. */
  p: number;
  /** The reservoir slot they kept; the counter i and number r that put them there (null: one of the first N). */
  slot: number;
  i: number | null;
  r: number | null;
  /** When c < N, the same over the reservoir's slots for c slots: the slot kept and its number. */
  sub: { slot: number; i: number | null; r: number | null } | null;
};

export function isFixedWinnerFairness(value: unknown): value is FixedWinnerFairness {
  return typeof value === 'object' && value !== null && (value as { k?: unknown }).k === 'fixed-winners';
}

// What a draw's proof needs beside its row (docs/fairness.md): the Draw's `fairness` column.
// A draw writes it as one JSON string, 'r:i:seedId:tier:fallback:odds' (lib/draw/draw-record.ts):
// PostgreSQL stores a string for a fraction of what it spends taking an object apart on every
// commit. Rows written before hold the object itself; a fixed winner's holds its own object.
// Readers take the column through drawFairnessOf, which answers the object for every form.

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

/** The compact form's fields: r, i, the seed id, the picked tier's index (-1 none), the fallback, the odds. */
const COMPACT =
  /^(\d{1,7}):(\d{1,9}):([0-9a-f-]{36}):(-1|\d+):(none|stock|pacing|limit|policy):((?:[-+.eE\d]+)(?:,[-+.eE\d]+)*)?$/;

/**
 * The Draw's `fairness` column as the object the proof is made of, whatever form the row holds:
 * the draw's compact string, the object rows held before it, or a fixed winner's. Null: no proof.
 */
export function drawFairnessOf(value: unknown): DrawFairness | FixedWinnerFairness | null {
  if (typeof value === 'string') {
    const m = COMPACT.exec(value);
    if (!m) return null;
    const tier = Number(m[4]);
    return {
      s: m[3]!,
      i: Number(m[2]),
      r: Number(m[1]),
      t: tier < 0 ? null : tier,
      f: m[5] as DrawFairness['f'],
      o: m[6] ? m[6].split(',').map(Number) : [],
    };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  return value as DrawFairness | FixedWinnerFairness;
}

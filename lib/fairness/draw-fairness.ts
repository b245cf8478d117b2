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

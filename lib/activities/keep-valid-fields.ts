// Per-field autosave: a draft edit whose fields are partly wrong keeps what is right. Each field
// an issue names takes its saved value again (or, new since the last save, is left out), and the
// result is judged by the same DraftSpec as any save, so what is stored is always a valid draft.
import type { z } from 'zod';
import { DraftSpec } from './schemas';

type Path = (string | number)[];
type Issue = Pick<z.core.$ZodIssue, 'path'>;
/** A few rounds: a field held back may reveal a rule across fields that it had hidden. */
const MAX_ROUNDS = 4;

/**
 * `given` with every field an issue names set back to `saved`; null when nothing can be kept
 * (an issue about the whole draft, or the fields held back still leave it invalid).
 */
export function keepValidFields(saved: DraftSpec, given: unknown, issues: readonly Issue[]): DraftSpec | null {
  if (!isRecord(given)) return null;
  const draft = structuredClone(given);
  const heldBack = new Set<string>();
  let pending = issues;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const paths: Path[] = [];
    for (const issue of pending) {
      let path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
      // A field already set back and still wrong: the rule is about what holds it.
      while (path.length && heldBack.has(path.join('.'))) path = path.slice(0, -1);
      if (!path.length) return null;
      heldBack.add(path.join('.'));
      paths.push(path);
    }
    // List items last-first, so that leaving one out does not move the others.
    for (const path of paths.sort(comparePathsDescending)) restore(draft, saved, path);
    const result = DraftSpec.safeParse(draft);
    if (result.success) return result.data;
    pending = result.error.issues;
  }
  return null;
}

function restore(draft: Record<string, unknown>, saved: DraftSpec, path: Path) {
  if (path.length === 1 && path[0] === 'tiers') return restoreOdds(draft, saved);
  const parent = at(draft, path.slice(0, -1));
  const key = path[path.length - 1]!;
  if (!isRecord(parent) && !Array.isArray(parent)) return;
  const before = at(saved, path);
  if (before !== undefined) (parent as Record<string | number, unknown>)[key] = structuredClone(before);
  else if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
  else delete (parent as Record<string | number, unknown>)[key];
}

/** The odds across tiers are too high: each tier's odds and time segments as saved, new tiers left out. */
function restoreOdds(draft: Record<string, unknown>, saved: DraftSpec) {
  if (!Array.isArray(draft.tiers)) return;
  draft.tiers = draft.tiers.flatMap((tier: unknown, i) => {
    const before = saved.tiers[i];
    if (!before || !isRecord(tier)) return [];
    const { segments, ...rest } = tier;
    void segments;
    return [{ ...rest, probability: before.probability, ...(before.segments ? { segments: before.segments } : {}) }];
  });
}

function at(value: unknown, path: Path): unknown {
  let v = value;
  for (const k of path) {
    if (!isRecord(v) && !Array.isArray(v)) return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}

function comparePathsDescending(a: Path, b: Path): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    if (typeof a[i] === 'number' && typeof b[i] === 'number') return (b[i] as number) - (a[i] as number);
    return String(b[i]).localeCompare(String(a[i]));
  }
  return b.length - a.length;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

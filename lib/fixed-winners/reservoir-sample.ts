// Algorithm R (Vitter): a uniform sample of n items from a stream of unknown length in one
// pass and O(n) memory, so an activity with millions of participants is sampled without
// loading them. After item i (0-based) each item seen so far is in the reservoir with
// probability n/(i+1). The random source is injectable only so tests can show that a biased
// one is caught; production uses node:crypto.
import { randomInt } from 'node:crypto';

/** A uniform integer in [0, maxExclusive). */
export type RandomBelow = (maxExclusive: number) => number;

export const cryptoRandomBelow: RandomBelow = (maxExclusive) => randomInt(0, maxExclusive);

/**
 * Told each time an item takes a slot: its 0-based position in the stream and the number that
 * chose the slot (null while the first n fill slots 0..n−1 in order). The last call for a slot
 * names the item that keeps it: what a fixed winner's proof records.
 */
export type OnPlace = (slot: number, position: number, j: number | null) => void;

export async function reservoirSample<T>(
  items: AsyncIterable<T> | Iterable<T>,
  n: number,
  randomBelow: RandomBelow = cryptoRandomBelow,
  onPlace?: OnPlace | null,
): Promise<T[]> {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`sample size must be a non-negative integer, got ${n}`);
  const reservoir: T[] = [];
  let seen = 0;
  for await (const item of items) {
    if (seen < n) {
      reservoir.push(item);
      onPlace?.(seen, seen, null);
    } else {
      const j = randomBelow(seen + 1);
      if (j < n) {
        reservoir[j] = item;
        onPlace?.(j, seen, j);
      }
    }
    seen++;
  }
  return reservoir;
}

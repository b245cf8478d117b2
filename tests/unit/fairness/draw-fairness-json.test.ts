// The Draw's `fairness` as the commit writes it: JSON text made from the draw record's fields,
// holding what the proof answers (lib/fairness/draw-fairness.ts), or null for a draw without one;
// and read back as the proof's object, from that compact string or from the object older rows hold.
import { describe, expect, it } from 'vitest';
import { drawFairnessJson, type DrawRecord } from '@/lib/draw/draw-record';
import { drawFairnessOf } from '@/lib/fairness/draw-fairness';

const SEED = '0193a4b2-1111-7000-8000-00000000abcd';
const record = (proof: Partial<DrawRecord>): DrawRecord => ({
  d: '0193a4b2-2222-7000-8000-000000000001',
  u: 'alice',
  k: 'k-1',
  t: '',
  c: 'F',
  ts: '1765000000000',
  pz: '',
  v: '3',
  e: '1',
  l: 0,
  dev: '',
  ip: '',
  ...proof,
});
const parsed = (r: DrawRecord) => {
  const json = drawFairnessJson(r);
  return json === null ? null : drawFairnessOf(JSON.parse(json));
};

describe('a draw record’s proof fields', () => {
  it('are the seed id, counter, number, picked tier, fallback and odds', () => {
    expect(parsed(record({ f: `972282:0:${SEED}`, pt: 2, fb: 'none', o: '10000,50000,200000' }))).toEqual({
      s: SEED,
      i: 0,
      r: 972282,
      t: 2,
      f: 'none',
      o: [10000, 50000, 200000],
    });
    expect(parsed(record({ f: `0000015:12:${SEED}`, pt: -1, fb: 'stock', o: '' }))).toEqual({
      s: SEED,
      i: 12,
      r: 15,
      t: null,
      f: 'stock',
      o: [],
    });
    expect(parsed(record({ f: `5:0:${SEED}`, pt: 0, fb: 'policy', o: '333333.5,1e+6' }))!).toMatchObject({
      o: [333333.5, 1_000_000],
    });
  });

  it('are none for a draw without a seed, a test’s own number, an older record or anything malformed', () => {
    const proof = { f: `972282:0:${SEED}`, pt: 1, fb: 'none', o: '10,20' };
    expect(drawFairnessJson(record({ ...proof, f: '972282::' }))).toBeNull();
    expect(drawFairnessJson(record({ ...proof, f: `972282:x:${SEED}` }))).toBeNull();
    expect(drawFairnessJson(record({}))).toBeNull();
    expect(drawFairnessJson(record({ ...proof, fb: 'lucky' }))).toBeNull();
    expect(drawFairnessJson(record({ ...proof, pt: 1.5 }))).toBeNull();
    expect(drawFairnessJson(record({ ...proof, o: '10,"x"' }))).toBeNull();
    expect(drawFairnessJson(record({ ...proof, o: '10],"s":"other' }))).toBeNull();
    expect(drawFairnessJson(record({ ...proof, f: `1:0:${SEED}"` }))).toBeNull();
  });

  it('are stored as one JSON string, and rows holding the object read back as that object', () => {
    const json = drawFairnessJson(record({ f: `0000015:12:${SEED}`, pt: -1, fb: 'stock', o: '' }));
    expect(JSON.parse(json!)).toBe(`0000015:12:${SEED}:-1:stock:`);
    const object = { s: SEED, i: 3, r: 42, t: 1, f: 'limit', o: [10, 20] };
    expect(drawFairnessOf(object)).toEqual(object);
    const fixed = { k: 'fixed-winners', s: SEED, n: 9, w: 2, c: 2, p: 4, slot: 1, i: 3, r: 1, sub: null };
    expect(drawFairnessOf(fixed)).toEqual(fixed);
    for (const bad of [null, undefined, 7, [1], '', `42:3:${SEED}:1:lucky:10`, `42:3:${SEED}:1:none:10,"x"`])
      expect(drawFairnessOf(bad), JSON.stringify(bad)).toBeNull();
  });
});

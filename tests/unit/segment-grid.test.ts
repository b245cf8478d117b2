import { describe, expect, it } from 'vitest';
import {
  EVERY_DAY,
  oddsInForce,
  periodDays,
  setCells,
  toGrid,
  toSegments,
  type SegmentValue,
} from '@/components/console/activities/editor/segment-grid-model';
import { oddsAt, type Segment } from '@/lib/draw/segments';

const days = ['2027-02-01', '2027-02-02', '2027-02-03', '2027-02-04'];
const micros = (s: SegmentValue[]): Segment[] =>
  s.map((x) => ({ ...x, probabilityMicros: Math.round(x.probability * 1e6) }));

/** Every cell's odds as the draw would find them from the segments. */
const drawView = (segments: SegmentValue[], base: number) =>
  days.map((d) =>
    Array.from({ length: 24 }, (_, h) => oddsAt({ probabilityMicros: base * 1e6, segments: micros(segments) }, h, d)),
  );

describe('segment grid ↔ segments', () => {
  it('turns a selected evening into one every-day segment and back', () => {
    const grid = setCells(toGrid([], days), { rows: [EVERY_DAY], fromHour: 20, toHour: 21 }, 0.05);
    const segments = toSegments(grid, days);
    expect(segments).toEqual([{ fromHour: 20, toHour: 22, probability: 0.05 }]);
    expect(toGrid(segments, days)).toEqual(grid);
  });

  it('groups consecutive dates with the same hours into one dated segment that wins over every day', () => {
    let grid = setCells(toGrid([], days), { rows: [EVERY_DAY], fromHour: 0, toHour: 23 }, 0.01);
    grid = setCells(grid, { rows: ['2027-02-02', '2027-02-03'], fromHour: 20, toHour: 21 }, 0.2);
    const segments = toSegments(grid, days);
    expect(segments).toEqual([
      { fromHour: 20, toHour: 22, fromDate: '2027-02-02', toDate: '2027-02-03', probability: 0.2 },
      { fromHour: 0, toHour: 24, probability: 0.01 },
    ]);
    expect(oddsInForce(grid, '2027-02-03', 20, 0.5)).toBe(0.2);
    expect(oddsInForce(grid, '2027-02-04', 20, 0.5)).toBe(0.01);
    // What the grid shows is what the draw applies, cell by cell.
    const shown = days.map((d) => Array.from({ length: 24 }, (_, h) => oddsInForce(grid, d, h, 0.5) * 1e6));
    expect(drawView(segments, 0.5)).toEqual(shown);
  });

  it('joins a window across midnight into one wrapping segment, and clearing cells falls back', () => {
    let grid = setCells(toGrid([], days), { rows: [EVERY_DAY], fromHour: 22, toHour: 23 }, 0.3);
    grid = setCells(grid, { rows: [EVERY_DAY], fromHour: 0, toHour: 1 }, 0.3);
    expect(toSegments(grid, days)).toEqual([{ fromHour: 22, toHour: 2, probability: 0.3 }]);
    grid = setCells(grid, { rows: [EVERY_DAY], fromHour: 0, toHour: 23 }, null);
    expect(toSegments(grid, days)).toEqual([]);
  });

  it('reads segments written by the API, overlaps resolved as the draw resolves them', () => {
    const api: SegmentValue[] = [
      { fromHour: 8, toHour: 12, fromDate: '2027-02-03', probability: 0.4 },
      { fromHour: 10, toHour: 14, probability: 0.1 },
      { fromHour: 11, toHour: 13, fromDate: '2027-02-01', toDate: '2027-02-01', probability: 0.9 },
    ];
    const grid = toGrid(api, days);
    const shown = days.map((d) =>
      Array.from({ length: 24 }, (_, h) => Math.round(oddsInForce(grid, d, h, 0.05) * 1e6)),
    );
    expect(shown).toEqual(drawView(api, 0.05));
    expect(drawView(toSegments(grid, days), 0.05)).toEqual(drawView(api, 0.05));
  });

  it('lists the local dates of a period; an end at midnight leaves its day out; a long period has none', () => {
    expect(periodDays('2027-02-01T09:00', '2027-02-04T00:00')).toEqual(['2027-02-01', '2027-02-02', '2027-02-03']);
    expect(periodDays('2027-02-01T09:00', '2027-02-01T18:00')).toEqual(['2027-02-01']);
    expect(periodDays('2027-01-01T00:00', '2027-12-31T00:00')).toEqual([]);
    expect(periodDays('', '')).toEqual([]);
  });
});

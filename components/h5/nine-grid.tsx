// The 9-grid: a highlight runs round the eight outer cells and slows to a stop on a cell of
// the tier the server decided; the middle cell is the draw button. data-landed is read from
// the cell the highlight actually rests on.
import { useEffect, useImperativeHandle, useRef, useState, type ReactNode, type Ref } from 'react';
import type { Segment } from './segments';
import { indexOfTarget } from './segments';
import type { Board } from './wheel';

/** Outer cells clockwise from the top left, as positions in the 3×3 grid. */
const RING = [0, 1, 2, 5, 8, 7, 6, 3];
const LAPS = 3;

export function NineGrid({
  ref,
  segments,
  reducedMotion,
  onLanded,
  center,
  label,
}: {
  ref: Ref<Board>;
  segments: Segment[];
  reducedMotion: boolean;
  onLanded: (tierId: string | null) => void;
  center: ReactNode;
  label: string;
}) {
  const cells = segments.slice(0, RING.length);
  const [active, setActive] = useState<number | null>(null);
  const [landed, setLanded] = useState('');
  const position = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  useImperativeHandle(ref, () => ({
    play(tierId) {
      clearTimeout(timer.current);
      const goal = Math.max(0, indexOfTarget(cells, tierId, Math.floor(Math.random() * cells.length)));
      const from = position.current;
      const steps = reducedMotion ? 0 : LAPS * cells.length + ((goal - from + cells.length) % cells.length);
      let step = 0;
      setLanded('');
      const finish = () => {
        position.current = goal;
        setActive(goal);
        setLanded(cells[goal]!.tierId ?? 'none');
        onLanded(cells[goal]!.tierId);
      };
      if (steps === 0) return finish();
      const tick = () => {
        step++;
        setActive((from + step) % cells.length);
        if (step >= steps) return finish();
        // Ease out: quick at first, slower over the last lap.
        const left = steps - step;
        timer.current = setTimeout(tick, left > cells.length ? 55 : 55 + (cells.length - left) * 35);
      };
      timer.current = setTimeout(tick, 55);
    },
  }));

  return (
    <div
      className="mx-auto grid aspect-square w-full max-w-[320px] grid-cols-3 gap-2 rounded-2xl bg-white/70 p-2 shadow-lg"
      role="group"
      aria-label={label}
      data-testid="grid"
      data-landed={landed}
    >
      {Array.from({ length: 9 }, (_, pos) => {
        if (pos === 4)
          return (
            <div key="center" className="flex">
              {center}
            </div>
          );
        const ringIndex = RING.indexOf(pos);
        const cell = cells[ringIndex];
        const on = active === ringIndex;
        return (
          <div
            key={pos}
            data-testid="grid-cell"
            data-tier={cell?.tierId ?? 'none'}
            data-active={on ? 'true' : undefined}
            className={`flex items-center justify-center rounded-xl border-2 p-1 text-center text-xs font-semibold leading-tight transition-colors duration-75 ${on ? 'border-amber-400 bg-amber-100 text-amber-900 shadow-inner' : cell?.tierId ? 'border-transparent bg-rose-50 text-rose-900' : 'border-transparent bg-zinc-100 text-zinc-700'}`}
            aria-hidden="true"
          >
            <span className="flex min-w-0 flex-col items-center gap-0.5">
              {cell?.imageUrl ? (
                // eslint-disable-next-line @next/next/no-img-element -- a Preact page, not Next: no next/image here
                <img src={cell.imageUrl} alt="" width={32} height={32} className="size-8 object-contain" />
              ) : null}
              <span
                className={`[overflow-wrap:anywhere] ${(cell?.label.length ?? 0) > 14 ? 'text-[10px]' : ''}`}
                data-testid="grid-label"
              >
                {cell?.label}
              </span>
            </span>
          </div>
        );
      })}
    </div>
  );
}

// The wheel spins and eases to the segment of the tier the server decided. Where it stopped is
// read back from the final angle (data-landed), so a test can check the animation against the
// API's answer rather than against the target it was given.
import { useImperativeHandle, useRef, useState, type Ref } from 'react';
import type { Segment } from './segments';
import { indexOfTarget } from './segments';

const SPIN_MS = 4200;
const TURNS = 5;

/** What the page asks of a gameplay board: animate to the server's answer. */
export type Board = { play: (tierId: string | null) => void };

export function Wheel({
  ref,
  segments,
  reducedMotion,
  onLanded,
  themeColor,
  label,
}: {
  ref: Ref<Board>;
  segments: Segment[];
  reducedMotion: boolean;
  onLanded: (tierId: string | null) => void;
  themeColor: string;
  label: string;
}) {
  const [rotation, setRotation] = useState(0);
  const [landed, setLanded] = useState('');
  const current = useRef(0);
  const spinning = useRef(false);
  const n = segments.length;
  const slice = 360 / n;

  function settle() {
    if (!spinning.current) return;
    spinning.current = false;
    const pointer = (360 - (((current.current % 360) + 360) % 360)) % 360;
    const seg = segments[Math.floor(pointer / slice) % n]!;
    setLanded(seg.tierId ?? 'none');
    onLanded(seg.tierId);
  }

  useImperativeHandle(ref, () => ({
    play(tierId) {
      const index = Math.max(0, indexOfTarget(segments, tierId, Math.floor(Math.random() * n)));
      const center = (index + 0.5) * slice + (Math.random() - 0.5) * slice * 0.6;
      const wanted = ((-center % 360) + 360) % 360;
      const prev = current.current;
      const delta = (((wanted - prev) % 360) + 360) % 360;
      current.current = prev + (reducedMotion ? 0 : TURNS * 360) + delta;
      spinning.current = true;
      setLanded('');
      setRotation(current.current);
      // Reduced motion: no transition runs, so no transitionend; settle on the next frame.
      if (reducedMotion || delta + (reducedMotion ? 0 : TURNS * 360) === 0) requestAnimationFrame(settle);
    },
  }));

  const r = 140;
  return (
    <div
      className="relative mx-auto aspect-square w-full max-w-[300px]"
      role="img"
      aria-label={label}
      data-testid="wheel"
      data-landed={landed}
    >
      <div
        className="size-full rounded-full shadow-lg ring-4 ring-white"
        style={{
          transform: `rotate(${rotation}deg)`,
          transition: reducedMotion ? 'none' : `transform ${SPIN_MS}ms cubic-bezier(0.12, 0.7, 0.16, 1)`,
        }}
        onTransitionEnd={settle}
        data-testid="wheel-disc"
        data-rotation={rotation}
      >
        <svg viewBox="-150 -150 300 300" className="size-full" aria-hidden="true">
          {segments.map((s, i) => {
            const a0 = ((i * slice - 90) * Math.PI) / 180;
            const a1 = (((i + 1) * slice - 90) * Math.PI) / 180;
            const large = slice > 180 ? 1 : 0;
            const d =
              n === 1
                ? `M 0 -${r} A ${r} ${r} 0 1 1 -0.01 -${r} Z`
                : `M 0 0 L ${r * Math.cos(a0)} ${r * Math.sin(a0)} A ${r} ${r} 0 ${large} 1 ${r * Math.cos(a1)} ${r * Math.sin(a1)} Z`;
            const mid = (i + 0.5) * slice;
            return (
              <g key={s.key}>
                <path
                  d={d}
                  fill={s.tierId ? (i % 4 === 0 ? themeColor : '#b45309') : i % 2 ? '#fff7ed' : '#ffe4e6'}
                  stroke="#fff"
                  strokeWidth="2"
                />
                <text
                  transform={`rotate(${mid}) translate(0 -${r * 0.62})`}
                  textAnchor="middle"
                  dominantBaseline="middle"
                  fontSize={n > 8 ? 10 : 12}
                  fontWeight="600"
                  fill={s.tierId ? '#fff' : '#9f1239'}
                >
                  {s.label.length > 12 ? `${s.label.slice(0, 11)}…` : s.label}
                </text>
              </g>
            );
          })}
          <circle r="24" fill="#fff" />
          <circle r="18" fill={themeColor} />
        </svg>
      </div>
      <div className="absolute left-1/2 top-[-6px] -translate-x-1/2" aria-hidden="true">
        <div className="h-0 w-0 border-x-[12px] border-t-[22px] border-x-transparent border-t-zinc-900 drop-shadow" />
      </div>
    </div>
  );
}

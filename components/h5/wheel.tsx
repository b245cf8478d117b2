// The wheel spins and eases to the segment of the tier the server decided. Where it stopped is
// read back from the final angle (data-landed), so a test can check the animation against the
// API's answer rather than against the target it was given.
// The rotating layer sits inside a round, non-rotating frame that clips it and takes no taps:
// at no angle can its box reach over the Spin button or widen the page.
import { useImperativeHandle, useRef, useState, type Ref } from 'react';
import type { Segment } from './segments';
import { fitLabel, indexOfTarget, segmentAngles } from './segments';

const SPIN_MS = 4200;
const TURNS = 5;

/** What the page asks of a gameplay board: animate to the server's answer. */
export type Board = { play: (tierId: string | null) => void };

const R = 140;
/** The round frame that clips the rotating layer and takes no taps. */
const FRAME = 'pointer-events-none size-full overflow-hidden rounded-full shadow-lg ring-4 ring-white [contain:paint]';
const BASE_FONT = 12;
const MIN_FONT = 7;

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
  const angles = segmentAngles(segments);

  function settle() {
    if (!spinning.current) return;
    spinning.current = false;
    const pointer = (360 - (((current.current % 360) + 360) % 360)) % 360;
    const i = angles.findIndex((a) => pointer >= a.from && pointer < a.to);
    const seg = segments[i < 0 ? n - 1 : i]!;
    setLanded(seg.tierId ?? 'none');
    onLanded(seg.tierId);
  }

  useImperativeHandle(ref, () => ({
    play(tierId) {
      const index = Math.max(0, indexOfTarget(segments, tierId, Math.floor(Math.random() * n)));
      const { from, to } = angles[index]!;
      const center = (from + to) / 2 + (Math.random() - 0.5) * (to - from) * 0.6;
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

  return (
    <div
      className="relative mx-auto aspect-square w-full max-w-[300px]"
      role="img"
      aria-label={label}
      data-testid="wheel"
      data-landed={landed}
    >
      <div className={FRAME}>
        <div
          className="size-full"
          style={{
            transform: `rotate(${rotation}deg)`,
            transition: reducedMotion ? 'none' : `transform ${SPIN_MS}ms cubic-bezier(0.12, 0.7, 0.16, 1)`,
          }}
          onTransitionEnd={settle}
          data-testid="wheel-disc"
          data-rotation={rotation}
        >
          <svg viewBox="-150 -150 300 300" className="size-full" aria-hidden="true">
            {segments.map((s, i) => (
              <Slice key={s.key} segment={s} index={i} count={n} angle={angles[i]!} themeColor={themeColor} />
            ))}
            <circle r="24" fill="#fff" />
            <circle r="18" fill={themeColor} />
          </svg>
        </div>
      </div>
      <div className="pointer-events-none absolute left-1/2 top-[-6px] -translate-x-1/2" aria-hidden="true">
        <div className="h-0 w-0 border-x-[12px] border-t-[22px] border-x-transparent border-t-zinc-900 drop-shadow" />
      </div>
    </div>
  );
}

function Slice({
  segment: s,
  index: i,
  count: n,
  angle,
  themeColor,
}: {
  segment: Segment;
  index: number;
  count: number;
  angle: { from: number; to: number };
  themeColor: string;
}) {
  const span = angle.to - angle.from;
  const rad = (deg: number) => ((deg - 90) * Math.PI) / 180;
  const a0 = rad(angle.from);
  const a1 = rad(angle.to);
  const d =
    n === 1
      ? `M 0 -${R} A ${R} ${R} 0 1 1 -0.01 -${R} Z`
      : `M 0 0 L ${R * Math.cos(a0)} ${R * Math.sin(a0)} ` +
        `A ${R} ${R} 0 ${span > 180 ? 1 : 0} 1 ${R * Math.cos(a1)} ${R * Math.sin(a1)} Z`;
  const mid = (angle.from + angle.to) / 2;
  const hasImage = !!s.imageUrl;
  // Text runs across the slice at 0.58 R (below the image, if any): as wide as the chord there.
  const textRadius = R * (hasImage ? 0.5 : 0.6);
  const chord = 2 * textRadius * Math.sin((Math.min(span, 120) * Math.PI) / 360) * 0.86;
  const perLine = Math.max(4, Math.floor(chord / (BASE_FONT * 0.56)));
  const { lines, scale } = fitLabel(s.label, perLine, 3);
  const font = Math.max(MIN_FONT, BASE_FONT * scale);
  const lineHeight = font * 1.15;
  const top = -textRadius - ((lines.length - 1) * lineHeight) / 2;
  const imageSize = Math.min(30, chord * 0.5);
  return (
    <g data-slice={s.tierId ?? 'none'}>
      <path
        d={d}
        fill={s.tierId ? (i % 4 === 0 ? themeColor : '#b45309') : i % 2 ? '#fff7ed' : '#ffe4e6'}
        stroke="#fff"
        strokeWidth="2"
      />
      <g transform={`rotate(${mid})`}>
        {hasImage ? (
          <image
            href={s.imageUrl!}
            x={-imageSize / 2}
            y={-R * 0.82 - imageSize / 2}
            width={imageSize}
            height={imageSize}
            preserveAspectRatio="xMidYMid meet"
          />
        ) : null}
        <text
          textAnchor="middle"
          dominantBaseline="middle"
          fontSize={font.toFixed(1)}
          fontWeight="600"
          fill={s.tierId ? '#fff' : '#9f1239'}
        >
          {lines.map((line, k) => (
            <tspan key={k} x="0" y={(top + k * lineHeight).toFixed(1)}>
              {line}
            </tspan>
          ))}
        </text>
      </g>
    </g>
  );
}

// The scratch card: a canvas coating over the server's result, scratched by finger or mouse.
// Once about half is cleared the coating goes and the result counts as revealed. Before the
// server has answered there is nothing under the coating to find.
import { useEffect, useRef, useState, type ReactNode } from 'react';

const REVEAL_SHARE = 0.5;
const BRUSH = 22;

/** Keyed by the draw in the page, so every draw gets a fresh coating. */
export function ScratchCard({
  ready,
  resultLabel,
  tierId,
  onRevealed,
  coatingLabel,
  revealLabel,
  label,
}: {
  /** The server's result is under the coating and may be scratched. */
  ready: boolean;
  resultLabel: ReactNode;
  tierId: string | null;
  onRevealed: (tierId: string | null) => void;
  coatingLabel: string;
  revealLabel: string;
  label: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [revealed, setRevealed] = useState(false);
  const drawing = useRef(false);
  const moves = useRef(0);

  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const ratio = window.devicePixelRatio || 1;
    c.width = c.clientWidth * ratio;
    c.height = c.clientHeight * ratio;
    const ctx = c.getContext('2d')!;
    ctx.globalCompositeOperation = 'source-over';
    ctx.fillStyle = '#a1a1aa';
    ctx.fillRect(0, 0, c.width, c.height);
    ctx.fillStyle = '#f4f4f5';
    ctx.font = `600 ${16 * ratio}px system-ui, sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(coatingLabel, c.width / 2, c.height / 2);
  }, [coatingLabel]);

  function reveal() {
    if (revealed) return;
    setRevealed(true);
    onRevealed(tierId);
  }

  function scratchAt(clientX: number, clientY: number) {
    const c = canvas.current;
    if (!c || !ready || revealed) return;
    const box = c.getBoundingClientRect();
    const ratio = c.width / box.width;
    const ctx = c.getContext('2d')!;
    ctx.globalCompositeOperation = 'destination-out';
    ctx.beginPath();
    ctx.arc((clientX - box.left) * ratio, (clientY - box.top) * ratio, BRUSH * ratio, 0, Math.PI * 2);
    ctx.fill();
    if (++moves.current % 6 === 0 && clearedShare(c) >= REVEAL_SHARE) reveal();
  }

  return (
    <div
      className="mx-auto w-full max-w-[320px]"
      data-testid="scratch"
      data-landed={revealed ? (tierId ?? 'none') : ''}
    >
      <div
        className="relative h-40 overflow-hidden rounded-2xl bg-white shadow-lg ring-1 ring-zinc-200"
        role="group"
        aria-label={label}
      >
        <div
          className="flex size-full items-center justify-center p-4 text-center text-xl font-bold text-rose-700"
          aria-hidden={!revealed}
        >
          {ready ? resultLabel : null}
        </div>
        <canvas
          ref={canvas}
          data-testid="scratch-canvas"
          aria-hidden="true"
          className={`absolute inset-0 size-full touch-none transition-opacity duration-500 ${revealed ? 'pointer-events-none opacity-0' : ready ? 'cursor-grab' : ''}`}
          onPointerDown={(e) => {
            drawing.current = true;
            e.currentTarget.setPointerCapture?.(e.pointerId);
            scratchAt(e.clientX, e.clientY);
          }}
          onPointerMove={(e) => drawing.current && scratchAt(e.clientX, e.clientY)}
          onPointerUp={() => {
            drawing.current = false;
          }}
          onPointerCancel={() => {
            drawing.current = false;
          }}
        />
      </div>
      <div className="mt-2 flex h-8 justify-end">
        {ready && !revealed ? (
          <button
            type="button"
            onClick={reveal}
            className="rounded-full px-3 text-sm font-medium text-rose-800 underline underline-offset-2"
          >
            {revealLabel}
          </button>
        ) : null}
      </div>
    </div>
  );
}

/** Share of the coating already cleared, from every 16th pixel's alpha. */
function clearedShare(c: HTMLCanvasElement): number {
  const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
  let clear = 0;
  let seen = 0;
  for (let i = 3; i < data.length; i += 64) {
    seen++;
    if (data[i] === 0) clear++;
  }
  return seen ? clear / seen : 0;
}

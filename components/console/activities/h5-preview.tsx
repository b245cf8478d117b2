// A lightweight stand-in for the H5 page, drawn from the editor's current values so the
// operator sees title, colour, banner, game and odds as they type. Not the real H5 page.
import { percent } from './format';
import { tierColor } from './tier-colors';

export type PreviewProps = {
  gameplay: 'wheel' | 'grid' | 'scratch';
  title: string;
  themeColor: string;
  bannerUrl: string;
  rulesText: string;
  period: string;
  tiers: { name: string; probability: number; prizes: string[] }[];
  /** True in the editor, where the preview follows the form. */
  live?: boolean;
};

export function H5Preview(props: PreviewProps) {
  const color = /^#[0-9a-f]{6}$/i.test(props.themeColor) ? props.themeColor : '#e11d48';
  return (
    <figure aria-label="Preview of the H5 page" className="mx-auto w-[300px]">
      <div className="overflow-hidden rounded-[2rem] border-[6px] border-zinc-900 bg-white shadow-xl">
        <div className="min-h-[560px]" style={{ backgroundColor: `${color}14` }}>
          <div className="relative h-28" style={{ background: `linear-gradient(135deg, ${color}, ${color}aa)` }}>
            {props.bannerUrl ? (
              // eslint-disable-next-line @next/next/no-img-element -- an operator's own upload, shown as it is
              <img src={props.bannerUrl} alt="" className="absolute inset-0 size-full object-cover" />
            ) : null}
          </div>
          <div className="px-4 pt-3 pb-4">
            <p className="text-center text-base font-bold text-zinc-900" data-testid="preview-title">
              {props.title || 'Untitled activity'}
            </p>
            <p className="mt-0.5 text-center text-[11px] text-zinc-600">{props.period}</p>
            <div className="mt-3 flex justify-center">{game(props.gameplay, props.tiers, color)}</div>
            <div
              className="mt-3 rounded-full py-2 text-center text-sm font-semibold text-white shadow"
              style={{ backgroundColor: color }}
            >
              {props.gameplay === 'scratch' ? 'Scratch now' : 'Draw now'}
            </div>
            <div className="mt-4 rounded-lg bg-white p-3 shadow-sm">
              <p className="text-xs font-semibold text-zinc-800">Prizes and odds</p>
              <ul className="mt-1.5 space-y-1">
                {props.tiers.length === 0 ? <li className="text-[11px] text-zinc-500">No tiers yet</li> : null}
                {props.tiers.map((t, i) => (
                  <li key={i} className="flex items-start justify-between gap-2 text-[11px]">
                    <span className="min-w-0 text-zinc-700">
                      <span
                        aria-hidden
                        className="mr-1 inline-block size-1.5 rounded-full align-middle"
                        style={{ backgroundColor: tierColor(i) }}
                      />
                      {t.name || `Tier ${i + 1}`}
                      {t.prizes.length ? <span className="text-zinc-500"> · {t.prizes.join(' + ')}</span> : null}
                    </span>
                    <span className="shrink-0 tabular-nums text-zinc-600">{percent(t.probability || 0)}</span>
                  </li>
                ))}
              </ul>
            </div>
            {props.rulesText ? (
              <div className="mt-3 rounded-lg bg-white p-3 shadow-sm">
                <p className="text-xs font-semibold text-zinc-800">Rules</p>
                <p className="mt-1 text-[11px] leading-4 whitespace-pre-line text-zinc-600">{props.rulesText}</p>
              </div>
            ) : null}
          </div>
        </div>
      </div>
      <figcaption className="mt-2 text-center text-xs text-zinc-500">
        {props.live ? 'Preview · updates as you type' : 'Preview of the H5 page'}
      </figcaption>
    </figure>
  );
}

function game(gameplay: PreviewProps['gameplay'], tiers: PreviewProps['tiers'], color: string) {
  if (gameplay === 'grid') {
    const cells = Array.from({ length: 8 }, (_, i) =>
      tiers.length ? tiers[i % tiers.length]!.name || `Tier ${(i % tiers.length) + 1}` : 'Thanks',
    );
    return (
      <div className="grid w-56 grid-cols-3 gap-1.5" data-testid="preview-grid">
        {[0, 1, 2, 7, -1, 3, 6, 5, 4].map((n, i) =>
          n === -1 ? (
            <div
              key={i}
              className="flex aspect-square items-center justify-center rounded-md text-xs font-bold text-white"
              style={{ backgroundColor: color }}
            >
              GO
            </div>
          ) : (
            <div
              key={i}
              className="flex aspect-square items-center justify-center rounded-md bg-white p-1 text-center text-[10px] leading-3 text-zinc-700 shadow-sm"
            >
              {cells[n]}
            </div>
          ),
        )}
      </div>
    );
  }
  if (gameplay === 'scratch') {
    return (
      <div
        className="flex h-28 w-56 items-center justify-center rounded-lg bg-gradient-to-br from-zinc-300 to-zinc-400 text-sm font-semibold text-zinc-700 shadow-inner"
        data-testid="preview-scratch"
      >
        Scratch here
      </div>
    );
  }
  const slices = tiers.length ? tiers.map((t, i) => ({ label: t.name || `Tier ${i + 1}`, color: tierColor(i) })) : [];
  const all = [...slices, { label: 'Thanks', color: '#e4e4e7' }];
  const step = 360 / all.length;
  return (
    <svg viewBox="-100 -100 200 200" className="size-52" data-testid="preview-wheel" aria-hidden>
      <circle r="98" fill={color} />
      {all.map((s, i) => {
        const a0 = ((i * step - 90) * Math.PI) / 180;
        const a1 = (((i + 1) * step - 90) * Math.PI) / 180;
        const large = step > 180 ? 1 : 0;
        const mid = ((i + 0.5) * step - 90) * (Math.PI / 180);
        return (
          <g key={i}>
            {all.length === 1 ? (
              <circle r="90" fill={s.color} />
            ) : (
              <path
                d={`M0 0 L${90 * Math.cos(a0)} ${90 * Math.sin(a0)} A90 90 0 ${large} 1 ${90 * Math.cos(a1)} ${90 * Math.sin(a1)} Z`}
                fill={s.color}
                stroke="#fff"
                strokeWidth="1.5"
              />
            )}
            <text
              x={58 * Math.cos(mid)}
              y={58 * Math.sin(mid)}
              fontSize="9"
              fontWeight="600"
              fill={s.color === '#e4e4e7' ? '#3f3f46' : '#fff'}
              textAnchor="middle"
              dominantBaseline="middle"
            >
              {s.label.length > 10 ? `${s.label.slice(0, 9)}…` : s.label}
            </text>
          </g>
        );
      })}
      <circle r="16" fill="#fff" stroke={color} strokeWidth="4" />
    </svg>
  );
}

// A tier's colour dot (the same colour in the odds bar, the preview and the simulator), and a
// tier's name led by it, as the tables show it.
import { tierColor } from './tier-colors';

export function TierDot({ index }: { index: number }) {
  return <span aria-hidden className="size-2.5 rounded-full" style={{ backgroundColor: tierColor(index) }} />;
}

export function TierName({ index, name }: { index: number; name: string }) {
  return (
    <span className="flex items-center gap-2 font-medium text-zinc-900">
      <TierDot index={index} />
      {name}
    </span>
  );
}

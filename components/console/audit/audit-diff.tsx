// Before and after of an audit entry as a readable field-by-field diff: nested objects become
// dotted paths (shipment.carrier), arrays are indexed (tiers[0].stock), and only what changed is
// listed (a creation lists every field as added, a removal every field as removed).

type Flat = Map<string, unknown>;

function flatten(value: unknown, path: string, out: Flat): Flat {
  if (value !== null && typeof value === 'object' && !(Array.isArray(value) && value.length === 0) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flatten(v, Array.isArray(value) ? `${path}[${k}]` : path ? `${path}.${k}` : k, out);
  } else if (path) {
    out.set(path, value);
  } else if (value !== null && value !== undefined) {
    out.set('value', value);
  }
  return out;
}

export type DiffLine = { path: string; kind: 'added' | 'removed' | 'changed'; before?: unknown; after?: unknown };

export function auditDiff(before: unknown, after: unknown): DiffLine[] {
  const b = flatten(before ?? null, '', new Map());
  const a = flatten(after ?? null, '', new Map());
  const lines: DiffLine[] = [];
  for (const path of new Set([...b.keys(), ...a.keys()])) {
    const inB = b.has(path);
    const inA = a.has(path);
    if (inB && inA) {
      if (JSON.stringify(b.get(path)) !== JSON.stringify(a.get(path))) lines.push({ path, kind: 'changed', before: b.get(path), after: a.get(path) });
    } else if (inA) lines.push({ path, kind: 'added', after: a.get(path) });
    else lines.push({ path, kind: 'removed', before: b.get(path) });
  }
  return lines;
}

function Value({ value, tone }: { value: unknown; tone: 'before' | 'after' }) {
  if (value === undefined) return <span className="text-zinc-400">—</span>;
  if (value === null) return <span className="text-zinc-500 italic">empty</span>;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return (
    <span className={`rounded px-1 py-0.5 font-mono text-xs break-all ${tone === 'before' ? 'bg-red-50 text-red-900 line-through decoration-red-400/60' : 'bg-emerald-50 text-emerald-900'}`}>
      {text}
    </span>
  );
}

export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const lines = auditDiff(before, after);
  if (lines.length === 0) return <p className="text-xs text-zinc-500">No field changes recorded.</p>;
  return (
    <table className="w-full text-left text-sm" aria-label="Changes">
      <thead>
        <tr className="text-xs text-zinc-500">
          <th scope="col" className="w-1/4 pb-1.5 font-medium">Field</th>
          <th scope="col" className="w-[37.5%] pb-1.5 font-medium">Before</th>
          <th scope="col" className="w-[37.5%] pb-1.5 font-medium">After</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <tr key={l.path} className="border-t border-zinc-200/70 align-top" data-diff={l.kind}>
            <td className="py-1.5 pr-3 font-mono text-xs text-zinc-700">{l.path}</td>
            <td className="py-1.5 pr-3"><Value value={l.before} tone="before" /></td>
            <td className="py-1.5"><Value value={l.after} tone="after" /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** "carrier, trackingNumber, status" — the changed fields in one line, for the collapsed row. */
export function diffSummary(before: unknown, after: unknown): string {
  const lines = auditDiff(before, after);
  if (lines.length === 0) return 'No field changes';
  const names = lines.map((l) => l.path);
  return names.length > 3 ? `${names.slice(0, 3).join(', ')} +${names.length - 3} more` : names.join(', ');
}

// Two versions of an activity side by side, for the console's Versions tab: the diff a change
// from one to the other would show, or what else differs when no change could make it.
import { diffConfigs, patchBetween, type DiffEntry } from './change-diff';
import { getConfigVersion } from './config-versions';

export type VersionComparison =
  | { from: number; to: number; kind: 'diff'; entries: DiffEntry[] }
  | { from: number; to: number; kind: 'other'; fields: string[] };

export async function compareVersions(
  tenantId: string,
  activityId: string,
  { from, to }: { from: number; to: number },
): Promise<VersionComparison> {
  const [a, b] = await Promise.all([
    getConfigVersion(tenantId, activityId, String(from)),
    getConfigVersion(tenantId, activityId, String(to)),
  ]);
  if (patchBetween(a.config, b.config) === 'other-fields') {
    const fields = Object.keys({ ...a.config, ...b.config }).filter(
      (k) =>
        JSON.stringify((a.config as Record<string, unknown>)[k]) !==
        JSON.stringify((b.config as Record<string, unknown>)[k]),
    );
    return { from, to, kind: 'other', fields };
  }
  return { from, to, kind: 'diff', entries: diffConfigs(a.config, b.config, new Map()).entries };
}

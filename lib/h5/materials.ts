// An activity's materials (the spec's Materials: title, theme colour, banner, rules text) as the
// H5 pages read them from the stored JSON, and the title the pages show.
import type { z } from 'zod';
import type { Materials } from '../activities/schemas';

export type PageMaterials = z.infer<typeof Materials>;

export function materialsOf(view: { materials: unknown }): PageMaterials {
  const m = view.materials;
  return m && typeof m === 'object' && !Array.isArray(m) ? (m as PageMaterials) : {};
}

/** The page's title: the materials' title, else the activity's name. */
export function titleOf(view: { name: string; materials: unknown }): string {
  return materialsOf(view).title || view.name;
}

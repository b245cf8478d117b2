// One colour per tier position, the same in the odds bar, the preview and the simulator.
export const tierColors = [
  '#6366f1',
  '#f59e0b',
  '#10b981',
  '#ec4899',
  '#0ea5e9',
  '#8b5cf6',
  '#ef4444',
  '#14b8a6',
  '#f97316',
  '#84cc16',
];
export const tierColor = (i: number) => tierColors[i % tierColors.length]!;

// zh-CN words of the console's activities (see ../translator.ts): English text → Chinese text.
export const activities = {} satisfies Record<string, string>;

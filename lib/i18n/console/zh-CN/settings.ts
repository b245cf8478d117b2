// zh-CN words of the console's settings (see ../translator.ts): English text → Chinese text.
export const settings = {} satisfies Record<string, string>;

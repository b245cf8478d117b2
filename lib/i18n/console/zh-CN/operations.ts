// zh-CN words of the console's operations (see ../translator.ts): English text → Chinese text.
export const operations = {} satisfies Record<string, string>;

/** A configuration version as the console names it, "v3": the same in every language. */
export const versionName = (version: number) => `v${version}`;

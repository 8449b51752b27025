import type { BuildOptions, Plugin } from 'esbuild';

/** The options every bundle shares: Node 20 ESM, production React, Ink's frame caches (bin/bundle-options.js). */
export const bundleOptions: BuildOptions & { plugins: Plugin[] };
/** The esbuild plugin that keeps Ink's per-frame work across frames. */
export const inkFrameCaches: Plugin;
/** Fails unless the characters the plugin treats as narrow are, for the packages Ink bundles. */
export function checkNarrow(): Promise<void>;

import type { BuildOptions, Plugin } from 'esbuild';

/** The options every bundle shares: Node 20 ESM, production React, Ink's frame building replaced (bin/bundle-options.js). */
export const bundleOptions: BuildOptions & { plugins: Plugin[] };
/** The esbuild plugin that gives Ink src/ui/ink-frames in place of its Output and widest-line. */
export const inkFrames: Plugin;
/** The versions and files (sha256, what to re-check) src/ui/ink-frames was written for. */
export const INK_FRAMES: { versions: Record<string, string>; files: Record<string, [string, string]> };
/** Throws, naming what to re-check, unless the installed Ink and its libraries are those of INK_FRAMES. */
export function checkInkFrames(nodeModules?: string): void;

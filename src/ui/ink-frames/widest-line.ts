// What Ink imports as `widest-line` in the bundle (bin/bundle-options.js): the same width, cached across frames.
export { cachedWidestLine as default } from './output.js';

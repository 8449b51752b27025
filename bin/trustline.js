#!/usr/bin/env node
// Launcher: runs the bundled CLI built by `npm run build`.
process.env.NODE_ENV ??= 'production';

try {
  await import('./build/trustline.mjs');
} catch (error) {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes("Cannot find module '") && String(error.message).includes('build/trustline.mjs')) {
    process.stderr.write('trustline: not built yet; run `npm run build` in the project directory\n');
    process.exit(1);
  }
  throw error;
}

import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/*
 * The schema library, as every schema in trustline imports it (`import * as z`): zod/mini, functions
 * instead of methods, so the bundle keeps only what the schemas use (zod's classic API is about 700 KB
 * that every start compiled, ~100 ms), with the English messages classic zod loads by itself.
 */
config(en());

export * from 'zod/mini';

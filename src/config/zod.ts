import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/*
 * The schema library, as every schema in trustline imports it: zod/mini (functions instead of methods, so
 * the bundle keeps only what the schemas use; zod's classic API is about 700 KB and cost ~100 ms of every
 * start), with the English messages classic zod loads by itself.
 */
z.config(en());

export { z };

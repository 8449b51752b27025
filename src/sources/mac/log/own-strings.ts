/*
 * Memory: a million events stay in memory, so what each one holds counts. In V8 a slice of a string
 * (13 characters or more) keeps the whole string it was cut from alive, and a concatenation keeps its
 * parts. Events therefore get flat strings of their own (`flat`, `own`) and share the values that
 * repeat from line to line (`FieldInterner` in log-record.ts), so the line they were read from can be collected.
 */

// Matching a regular expression flattens its subject (irregexp reads flat strings only). Optimised
// code does not flatten for indexOf or includes, so those would not do.
const ANY = /^/;

/** Makes V8 copy a concatenation into one flat string now, so it stops pointing at its parts. */
export function flat(s: string): string {
  ANY.test(s);
  return s;
}

/** A flat copy of a slice that keeps nothing of the string it was cut from (shorter slices are copies already). */
export function own(s: string): string {
  return s.length < 13 ? s : flat(s.slice(0, 1) + s.slice(1));
}

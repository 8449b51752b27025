import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const PROBE_FIXTURES = fileURLToPath(new URL('../../../fixtures/probes/', import.meta.url));

/** Text of test/fixtures/probes/<probe>/<variant>.txt. */
export function probeFixture(probe: string, variant: string): string {
  return readFileSync(`${PROBE_FIXTURES}${probe}/${variant}.txt`, 'utf8');
}

/** 2026-11-20T14:31:34Z: the collection time the fixtures are written around. */
export const COLLECTED_AT_MS = Date.UTC(2026, 10, 20, 14, 31, 34);

export const AT_COLLECTION = { nowMs: COLLECTED_AT_MS };
export const NO_CLOCK = { nowMs: undefined };

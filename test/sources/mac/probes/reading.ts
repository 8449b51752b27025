import { isProbeFailure, type ProbeReading, type ProbeResult } from '../../../../src/sources/mac/probes/index.js';

/** Narrows a probe result to a reading, failing the test with the parser's error otherwise. */
export function reading(result: ProbeResult): ProbeReading {
  if (isProbeFailure(result)) throw new Error(`expected a reading, got: ${result.error}`);
  return result;
}

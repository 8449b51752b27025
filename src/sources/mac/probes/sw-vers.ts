/**
 * `sw_vers`:
 *   ProductName:		macOS
 *   ProductVersion:		14.5
 *   BuildVersion:		23F79
 * (macOS 10.x prints `Mac OS X`; macOS 13+ may add ProductVersionExtra for a Rapid Security Response.)
 */
import type { ProbeFacts } from '../state.js';
import { missingCommandReading } from './missing-command.js';
import { clip, probeLines, unrecognized } from './probe-text.js';
import type { ProbeResult } from './types.js';

type Os = NonNullable<ProbeFacts['os']>;

function valueOf(lines: readonly string[], key: string): string | undefined {
  const re = new RegExp(`^${key}:\\s*(.*)$`);
  for (const line of lines) {
    const m = re.exec(line.trim());
    if (m) return m[1]!.trim() === '' ? undefined : clip(m[1]!, 40);
  }
  return undefined;
}

export function parseSwVers(text: string): ProbeResult {
  const lines = probeLines(text);
  const missing = missingCommandReading(lines, 'sw_vers', { os: { available: false, name: undefined, version: undefined, build: undefined } });
  if (missing) return missing;
  const os: Os = { available: true, name: valueOf(lines, 'ProductName'), version: valueOf(lines, 'ProductVersion'), build: valueOf(lines, 'BuildVersion') };
  if (os.version === undefined || !/^\d+(?:\.\d+){0,2}$/.test(os.version)) return unrecognized('no macOS version in output', lines);
  const extra = valueOf(lines, 'ProductVersionExtra');
  const label = `${os.name ?? 'macOS'} ${os.version}${extra ? ` ${extra}` : ''}${os.build ? ` (${os.build})` : ''}`;
  return { facts: { os }, summary: `The Mac runs ${label}`, severity: 'info', fields: { osName: os.name ?? null, osVersion: os.version, osBuild: os.build ?? null } };
}

/** Compares dotted versions numerically (14.10 > 14.9); missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((p) => Number.parseInt(p, 10) || 0);
  const pb = b.split('.').map((p) => Number.parseInt(p, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

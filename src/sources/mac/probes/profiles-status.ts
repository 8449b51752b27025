/**
 * `profiles status -type enrollment`:
 *   Enrolled via DEP: No
 *   MDM enrollment: Yes (User Approved)
 *   MDM server: https://…/mdm/ServerURL
 * Unenrolled Macs print `MDM enrollment: No` and no server line. Error lines about fetching the
 * Device Enrollment configuration (Mac not in ABM, offline) may precede them and are kept as a field.
 */
import type { EventFields, Severity } from '../../../model/event.js';
import type { ProbeFacts } from '../state.js';
import { clip, probeLines, unrecognized } from './probe-text.js';
import type { ProbeResult } from './types.js';

type Enrollment = NonNullable<ProbeFacts['enrollment']>;

function yesNo(value: string): boolean | null {
  if (/^yes\b/i.test(value)) return true;
  if (/^no\b/i.test(value)) return false;
  return null;
}

function valueAfter(lines: readonly string[], label: RegExp): string | undefined {
  for (const line of lines) {
    const m = label.exec(line);
    if (m) return line.slice(m[0].length).trim();
  }
  return undefined;
}

function describe(e: Enrollment): { summary: string; severity: Severity } {
  if (e.mdm === false) return { summary: 'Mac is not enrolled in MDM (profiles status)', severity: 'error' };
  if (e.mdm === null) return { summary: 'profiles status did not say whether the Mac is enrolled in MDM', severity: 'warn' };
  const parts = ['Mac enrolled in MDM'];
  if (e.server !== undefined) parts.push(`at ${clip(e.server, 100)}`);
  if (e.dep !== null) parts.push(e.dep ? 'via ADE' : '(not via ADE)');
  return { summary: `${parts.join(' ')}, ${e.userApproved ? 'user approved' : 'not user approved'}`, severity: 'info' };
}

export function parseProfilesStatus(text: string): ProbeResult {
  const lines = probeLines(text).map((line) => line.trim());
  const depText = valueAfter(lines, /^Enrolled via DEP:/i);
  const mdmText = valueAfter(lines, /^MDM enrollment:/i);
  if (depText === undefined && mdmText === undefined) return unrecognized('no enrollment status in output', lines);

  const serverText = valueAfter(lines, /^MDM server:/i);
  const enrollment: Enrollment = {
    dep: depText === undefined ? null : yesNo(depText),
    mdm: mdmText === undefined ? null : yesNo(mdmText),
    userApproved: mdmText !== undefined && /user approved/i.test(mdmText),
    server: serverText === undefined || serverText === '' ? undefined : serverText,
  };
  const fields: EventFields = {
    dep: enrollment.dep,
    mdm: enrollment.mdm,
    userApproved: enrollment.userApproved,
    server: enrollment.server ?? null,
  };
  const depError = lines.find((line) => /^Error fetching Device Enrollment configuration/i.test(line));
  if (depError !== undefined) fields.depFetchError = clip(depError);
  return { facts: { enrollment }, ...describe(enrollment), fields };
}

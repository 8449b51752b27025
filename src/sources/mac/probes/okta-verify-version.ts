/**
 * `defaults read "/Applications/Okta Verify.app/Contents/Info" CFBundleShortVersionString`: one
 * version line (`9.27.0`). When the app is not installed, defaults says the domain/default pair
 * "does not exist" on stderr (captured with stdout).
 */
import { missingCommandReading } from './missing-command.js';
import { clip, probeLines, unrecognized } from './probe-text.js';
import type { ProbeResult } from './types.js';

const NOT_INSTALLED = /does not exist|Domain .* not found|couldn't be opened|No such file/i;
const VERSION = /^\d+(?:\.\d+){1,3}$/;

export function parseOktaVerifyVersion(text: string): ProbeResult {
  const lines = probeLines(text);
  const missing = missingCommandReading(lines, 'defaults', {});
  if (missing) return missing;
  const meaningful = lines.map((line) => line.trim()).filter((line) => line !== '');
  const version = meaningful.find((line) => VERSION.test(line));
  if (version !== undefined) {
    return { facts: { oktaVerify: { installed: true, version } }, summary: `Okta Verify ${version} is installed`, severity: 'info', fields: { installed: true, version } };
  }
  const absent = meaningful.find((line) => NOT_INSTALLED.test(line));
  if (absent !== undefined) {
    return {
      facts: { oktaVerify: { installed: false, version: undefined } },
      summary: 'Okta Verify is not installed in /Applications',
      severity: 'error',
      fields: { installed: false, version: null, detail: clip(absent) },
    };
  }
  return unrecognized('no Okta Verify version in output', lines);
}

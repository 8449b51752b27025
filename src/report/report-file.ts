import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.js';
import { errnoText } from '../io/errno-text.js';
import type { IncidentReport } from './incident.js';

/** Where the console's export key writes reports (default: the current directory). */
export const REPORT_DIR_ENV = 'TRUSTLINE_REPORT_DIR';

/** A file-name part from external text: letters, digits, dot, dash and underscore only, never leading dots. */
export function fileNamePart(text: string, max = 40): string {
  const safe = text.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._-]+/, '').slice(0, max);
  return safe === '' ? 'device' : safe;
}

/** `trustline-report-<device>-<UTC time>.md`, the device as the report names it (a pseudonym unless --no-redact). */
export function reportFileName(report: IncidentReport, suffix = ''): string {
  const device = report.device.serial ?? report.device.hostname ?? 'device';
  const stamp = report.generatedAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `trustline-report-${fileNamePart(device)}-${stamp}${suffix}.md`;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * Writes the report atomically into $TRUSTLINE_REPORT_DIR (else `cwd`) under a new name; returns the path.
 * A folder that is missing or cannot be written fails in one line, the reason first (`no such directory: /x`).
 */
export async function writeReportFile(markdown: string, report: IncidentReport, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Promise<string> {
  const dir = resolve(cwd, env[REPORT_DIR_ENV] && env[REPORT_DIR_ENV] !== '' ? env[REPORT_DIR_ENV] : '.');
  const fail = (error: unknown): never => {
    throw new Error(`${errnoText(error, 'directory')}: ${dir}`);
  };
  const info = await stat(dir).catch(fail);
  if (!info.isDirectory()) fail({ code: 'ENOTDIR' });
  let path = join(dir, reportFileName(report));
  for (let n = 2; await exists(path); n++) path = join(dir, reportFileName(report, `-${n}`));
  await writeFileAtomic(path, markdown.endsWith('\n') ? markdown : `${markdown}\n`).catch(fail);
  return path;
}

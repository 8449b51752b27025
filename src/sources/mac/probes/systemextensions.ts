/**
 * `systemextensionsctl list` (macOS 10.15+):
 *   2 extension(s)
 *   --- com.apple.system_extension.network_extension
 *   enabled	active	teamID	bundleID (version)	name	[state]
 *   *	*	PXPZ95SK77	com.paloaltonetworks.GlobalProtect.client.extension (6.1.1/6.1.1-56)	GlobalProtectExtension	[activated enabled]
 *   --- com.apple.system_extension.endpoint_security
 *   ...
 * Rows are tab-separated; `*` marks enabled / active. Network extensions (content filters, TLS
 * inspection, VPN) and endpoint-security clients are what can sit between the Mac and Okta or APNs.
 */
import type { SystemExtension } from '../state.js';
import { missingCommandReading } from './missing-command.js';
import { clip, probeLines, unrecognized } from './probe-text.js';
import type { ProbeResult } from './types.js';

const CATEGORY = /^---\s+(\S+)\s*$/;
const COUNT = /^(\d+)\s+extension\(s\)$/;
const ROW = /^(\*?)\s*\t\s*(\*?)\s*\t\s*([A-Z0-9]{10}|-|\(null\))\s*\t\s*(\S+)(?:\s+\(([^)]*)\))?\s*\t\s*(.*?)\s*\t\s*\[([^\]]*)\]\s*$/;
const MAX_EXTENSIONS = 200;

function shortCategory(category: string): string {
  return category.replace(/^com\.apple\.system_extension\./, '');
}

export function parseSystemExtensions(text: string): ProbeResult {
  const lines = probeLines(text);
  const missing = missingCommandReading(lines, 'systemextensionsctl', { systemExtensions: { available: false, extensions: [] } });
  if (missing) return missing;
  let count: number | undefined;
  let category = 'unknown';
  const extensions: SystemExtension[] = [];
  for (const line of lines) {
    const trimmed = line.trim();
    const c = COUNT.exec(trimmed);
    if (c) {
      count = Number(c[1]);
      continue;
    }
    const cat = CATEGORY.exec(trimmed);
    if (cat) {
      category = shortCategory(cat[1]!);
      continue;
    }
    const row = ROW.exec(line);
    if (!row || extensions.length >= MAX_EXTENSIONS) continue;
    extensions.push({
      category: clip(category, 60),
      enabled: row[1] === '*',
      active: row[2] === '*',
      teamId: row[3]!,
      bundleId: clip(row[4]!, 120),
      version: row[5] === undefined ? undefined : clip(row[5], 40),
      name: clip(row[6]!, 80),
      state: clip(row[7]!, 80),
    });
  }
  if (count === undefined && extensions.length === 0) return unrecognized('no system extension list in output', lines);
  const running = extensions.filter((e) => e.active && e.enabled && /activated/.test(e.state));
  const filters = running.filter((e) => e.category === 'network_extension');
  const security = running.filter((e) => e.category === 'endpoint_security');
  const names = (list: SystemExtension[]): string => list.map((e) => e.bundleId).join(', ');
  const parts = [`${running.length} active system extension(s)`];
  if (filters.length > 0) parts.push(`network: ${names(filters)}`);
  if (security.length > 0) parts.push(`endpoint security: ${names(security)}`);
  return {
    facts: { systemExtensions: { available: true, extensions } },
    summary: parts.join('; '),
    severity: filters.length > 0 ? 'warn' : 'info',
    fields: {
      extensions: extensions.length,
      active: running.length,
      networkExtensions: names(filters) || null,
      endpointSecurity: names(security) || null,
    },
  };
}

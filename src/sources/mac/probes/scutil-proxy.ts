/**
 * `scutil --proxy`: the system proxy settings as a SystemConfiguration dictionary:
 *   <dictionary> {
 *     ExceptionsList : <array> {
 *       0 : *.local
 *     }
 *     HTTPEnable : 1
 *     HTTPPort : 8080
 *     HTTPProxy : proxy.example.com
 *     ProxyAutoConfigEnable : 1
 *     ProxyAutoConfigURLString : http://wpad.example.com/proxy.pac
 *     __SCOPED__ : <dictionary> { … }
 *   }
 * Only top-level keys count (per-interface `__SCOPED__` copies are skipped). APNs (MDM push) does not
 * go through proxies, and a PAC file that sends localhost to the proxy breaks FastPass's loopback.
 */
import type { ProxySettings } from '../state.js';
import { missingCommandReading } from './missing-command.js';
import { clip, probeLines, unrecognized } from './probe-text.js';
import type { ProbeResult } from './types.js';

const ENTRY = /^([A-Za-z_][A-Za-z0-9_]*|\d+)\s*:\s*(.*)$/;
const MAX_EXCEPTIONS = 64;

interface TopLevel {
  values: Map<string, string>;
  exceptions: string[];
}

/** Top-level scalar keys, and the items of the top-level ExceptionsList array. */
function readTopLevel(lines: readonly string[]): TopLevel | undefined {
  const values = new Map<string, string>();
  const exceptions: string[] = [];
  let depth = 0;
  let seenRoot = false;
  let inExceptions = false;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    if (depth === 0) {
      if (/^<dictionary>\s*\{$/.test(line)) {
        depth = 1;
        seenRoot = true;
      }
      continue;
    }
    if (line === '}') {
      depth--;
      if (depth === 1) inExceptions = false;
      continue;
    }
    const m = ENTRY.exec(line);
    if (!m) continue;
    const [, key, value] = m as unknown as [string, string, string];
    const opens = /^<(?:array|dictionary)>\s*\{$/.test(value);
    if (depth === 1) {
      if (opens) inExceptions = key === 'ExceptionsList';
      else values.set(key, value);
    } else if (depth === 2 && inExceptions && !opens && exceptions.length < MAX_EXCEPTIONS) {
      exceptions.push(clip(value, 100));
    }
    if (opens) depth++;
  }
  return seenRoot ? { values, exceptions } : undefined;
}

function enabled(values: Map<string, string>, key: string): boolean {
  return values.get(`${key}Enable`) === '1';
}

function portOf(text: string | undefined): number | undefined {
  const n = text === undefined ? NaN : Number(text);
  return Number.isInteger(n) && n > 0 && n < 65536 ? n : undefined;
}

export function parseScutilProxy(text: string): ProbeResult {
  const lines = probeLines(text);
  const none: ProxySettings = { available: false, proxies: [], pacUrl: undefined, autoDiscovery: false, exceptions: [] };
  const missing = missingCommandReading(lines, 'scutil', { proxy: none });
  if (missing) return missing;
  const top = readTopLevel(lines);
  if (!top) return unrecognized('no proxy dictionary in output', lines);
  const { values } = top;
  const proxies: ProxySettings['proxies'] = [];
  for (const type of ['HTTP', 'HTTPS', 'SOCKS'] as const) {
    const host = values.get(`${type}Proxy`);
    if (enabled(values, type) && host !== undefined && host !== '') proxies.push({ type, host: clip(host, 100), port: portOf(values.get(`${type}Port`)) });
  }
  const pac = values.get('ProxyAutoConfigURLString');
  const proxy: ProxySettings = {
    available: true,
    proxies,
    pacUrl: enabled(values, 'ProxyAutoConfig') && pac !== undefined && pac !== '' ? clip(pac, 200) : undefined,
    autoDiscovery: enabled(values, 'ProxyAutoDiscovery'),
    exceptions: top.exceptions,
  };
  const parts = proxies.map((p) => `${p.type} ${p.host}${p.port === undefined ? '' : `:${p.port}`}`);
  if (proxy.pacUrl !== undefined) parts.push(`PAC ${proxy.pacUrl}`);
  if (proxy.autoDiscovery) parts.push('auto-discovery (WPAD)');
  const configured = parts.length > 0;
  return {
    facts: { proxy },
    summary: configured ? `System proxy configured: ${parts.join(', ')}` : 'No system proxy configured',
    severity: configured ? 'warn' : 'info',
    fields: {
      proxyConfigured: configured,
      proxies: parts.join(', ') || null,
      pacUrl: proxy.pacUrl ?? null,
      autoDiscovery: proxy.autoDiscovery,
      exceptions: proxy.exceptions.join(' ') || null,
    },
  };
}

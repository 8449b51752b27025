/**
 * `--host [user@]host[:port]` and `--jump` strings, validated before anything runs: ssh reads a word
 * starting with `-` as an option (`-oProxyCommand=…` runs a local command), and OpenSSH expands
 * user and host names into ProxyCommand / Match exec lines, so metacharacters and control characters
 * must never reach it. Only plain DNS names, IP addresses and macOS-style short user names pass.
 */
import { isIP } from 'node:net';
import { sanitizeLine } from '../../../text/sanitize.js';
import { SshError } from './errors.js';

export interface Destination {
  user: string | undefined;
  /** A DNS name or an IP address (IPv6 without brackets). */
  host: string;
  port: number | undefined;
}

const LABEL = '(?!-)[A-Za-z0-9-]{1,63}(?<!-)';
const HOSTNAME = new RegExp(`^(?=.{1,253}$)${LABEL}(?:\\.${LABEL})*\\.?$`);
const USER = /^[A-Za-z_][A-Za-z0-9._-]{0,63}$/;
const PORT = /^[0-9]{1,5}$/;

export function isValidHostname(text: string): boolean {
  return HOSTNAME.test(text) || (isIP(text) !== 0 && !text.includes('%'));
}

export function isValidUser(text: string): boolean {
  return USER.test(text);
}

function invalid(what: string, text: string, why: string): SshError {
  return new SshError('invalid-option', `${what} ${JSON.stringify(sanitizeLine(text, 80))} is not valid: ${why}`);
}

/** Why a string can never be a destination, before looking at its parts. */
function generalProblem(text: string): string | undefined {
  if (text === '') return 'it is empty';
  if (text.startsWith('-')) return 'it starts with "-" (ssh would read it as an option)';
  if (/[\s]/.test(text)) return 'it contains white space';
  if (/[\u0000-\u001f\u007f-\u009f]/.test(text)) return 'it contains control characters';
  if (/[`'"$\\;&<>|(){},*?!~#=%]/.test(text)) return 'it contains shell or ssh metacharacters';
  return undefined;
}

function parsePort(what: string, text: string, port: string): number {
  const value = PORT.test(port) ? Number(port) : NaN;
  if (!(value >= 1 && value <= 65535)) throw invalid(what, text, `port ${JSON.stringify(port)} is not a number from 1 to 65535`);
  return value;
}

/** Parses `[user@]host[:port]`; an IPv6 address with a port is written `[addr]:port`. */
export function parseDestination(text: string, what = '--host'): Destination {
  const problem = generalProblem(text);
  if (problem) throw invalid(what, text, problem);
  const at = text.lastIndexOf('@');
  const user = at >= 0 ? text.slice(0, at) : undefined;
  const rest = at >= 0 ? text.slice(at + 1) : text;
  if (user !== undefined && !isValidUser(user)) throw invalid(what, text, 'the user is not a plain account name');

  let host = rest;
  let port: number | undefined;
  const bracketed = /^\[([^\]]*)\](?::([^:]*))?$/.exec(rest);
  if (bracketed) {
    host = bracketed[1]!;
    if (isIP(host) !== 6) throw invalid(what, text, 'only IPv6 addresses go in brackets');
    if (bracketed[2] !== undefined) port = parsePort(what, text, bracketed[2]);
  } else if (rest.split(':').length === 2) {
    const [name, portText] = rest.split(':') as [string, string];
    host = name;
    port = parsePort(what, text, portText);
  }
  if (!isValidHostname(host)) throw invalid(what, text, 'the host is not a DNS name or an IP address');
  return { user, host, port };
}

/**
 * The canonical `[user@]host[:port]` form, as `ssh -J` reads it: an IPv6 address always in brackets,
 * since -J takes the first `:` of a bare one (`::ffff:127.0.0.1`) for the port ("Invalid -J argument").
 */
export function formatDestination(d: Destination): string {
  const host = isIP(d.host) === 6 ? `[${d.host}]` : d.host;
  return `${d.user !== undefined ? `${d.user}@` : ''}${host}${d.port !== undefined ? `:${d.port}` : ''}`;
}

/** `--jump`: one or more comma-separated destinations, each validated; returned in canonical form. */
export function parseJump(text: string): string {
  if (text === '') throw invalid('--jump', text, 'it is empty');
  return text
    .split(',')
    .map((part) => formatDestination(parseDestination(part, '--jump')))
    .join(',');
}

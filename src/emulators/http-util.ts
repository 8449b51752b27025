// What a handler sees (Exchange) and returns (Reply); the server core writes replies and applies faults.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AuthorizationKind } from './types.js';

export interface Exchange {
  method: string;
  /** The request URL, made absolute with the request's Host header. */
  url: URL;
  /** http://HOST as the client addressed the server: absolute links are built on it. */
  base: string;
  headers: IncomingHttpHeaders;
  /** The whole request body as text (bodies are small: forms and nothing else). */
  body: string;
}

export interface Reply {
  status: number;
  headers: OutgoingHttpHeaders;
  body: string;
}

export function jsonReply(status: number, value: unknown, headers: OutgoingHttpHeaders = {}): Reply {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) };
}

export function htmlReply(status: number, html: string, headers: OutgoingHttpHeaders = {}): Reply {
  return { status, headers: { 'content-type': 'text/html;charset=utf-8', ...headers }, body: html };
}

export function emptyReply(status: number, headers: OutgoingHttpHeaders = {}): Reply {
  return { status, headers, body: '' };
}

/** RFC 6749 §5.2 token-endpoint error (both APIs use this shape on their token endpoints). */
export function oauthError(status: number, error: string, description: string, headers: OutgoingHttpHeaders = {}): Reply {
  return jsonReply(status, { error, error_description: description }, { 'cache-control': 'no-store', pragma: 'no-cache', ...headers });
}

const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** http://HOST from the Host header, or the listening address when the header is missing or odd. */
export function baseUrl(headers: IncomingHttpHeaders, fallback: string): string {
  const host = headers.host;
  return host !== undefined && HOST.test(host) ? `http://${host}` : fallback;
}

export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** The scheme of the Authorization header, for the request log (never the credential itself). */
export function authorizationKind(headers: IncomingHttpHeaders): AuthorizationKind {
  const scheme = /^(\S+)/.exec(header(headers, 'authorization') ?? '')?.[1]?.toLowerCase();
  if (scheme === 'ssws' || scheme === 'bearer' || scheme === 'dpop' || scheme === 'basic') return scheme;
  return 'none';
}

/** The credential after the scheme, when the Authorization header uses that scheme (case-insensitive). */
export function credentialFor(headers: IncomingHttpHeaders, scheme: string): string | undefined {
  const match = /^(\S+)\s+(\S+)\s*$/.exec(header(headers, 'authorization') ?? '');
  return match && match[1]!.toLowerCase() === scheme.toLowerCase() ? match[2] : undefined;
}

/** Username and password of a Basic Authorization header. */
export function basicCredentials(headers: IncomingHttpHeaders): { username: string; password: string } | undefined {
  const encoded = credentialFor(headers, 'basic');
  if (encoded === undefined) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The form fields of an application/x-www-form-urlencoded body, or undefined for another media type. */
export function formFields(ex: Exchange): URLSearchParams | undefined {
  const type = header(ex.headers, 'content-type') ?? '';
  return /^application\/x-www-form-urlencoded\s*(;|$)/i.test(type) ? new URLSearchParams(ex.body) : undefined;
}

export function randomId(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256Base64url(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/** Compares two secrets in constant time (over their digests, so lengths may differ). */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

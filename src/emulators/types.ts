// The emulators' public contract (re-exported by index.ts); other code and tests depend on these names.
import type { JsonWebKey } from 'node:crypto';

export interface OktaOAuthClient {
  clientId: string;
  /** RSA or EC public key the client signs its private_key_jwt assertions with. */
  publicJwk: JsonWebKey;
  scopes: string[];
  /** Token requests must carry a DPoP proof (Okta's default for new API Services apps). */
  requireDpop?: boolean;
}

export interface OktaCredentials {
  apiTokens: string[];
  oauthClients: OktaOAuthClient[];
}

export interface JamfCredentials {
  apiClients: { clientId: string; clientSecret: string }[];
  users: { username: string; password: string }[];
  /** Lifetime of every token the emulator issues; default 1200. */
  tokenTtlSeconds?: number;
}

/** Every field optional; counts are "the next N matching requests". */
export interface Faults {
  /** Added before every response (token endpoints included), whatever pathPrefix says. */
  latencyMs?: number;
  /** When set, count-based faults only hit requests whose path (with query) starts with it. */
  pathPrefix?: string;
  /** 429 in the API's shape (Okta E0000047 with X-Rate-Limit-*; Jamf with Retry-After). */
  tooManyRequests?: number;
  /** Seconds until the 429 window resets; default 1. */
  resetSeconds?: number;
  serverErrors?: number;
  /** Default 503; the body is a JSON error in the API's shape. */
  serverErrorStatus?: number;
  /** A text/html error page (Okta 502, Jamf Cloud 504 "Timeout"). */
  htmlBody?: number;
  /** Content-Length larger than the bytes sent, then the socket is ended. */
  truncatedBody?: number;
  /** The socket is reset before any response byte. */
  connectionReset?: number;
  /** The response headers wait slowHeadersMs (default 5000) before they are sent. */
  slowHeaders?: number;
  slowHeadersMs?: number;
}

export type AuthorizationKind = 'ssws' | 'bearer' | 'dpop' | 'basic' | 'none';

export interface RecordedRequest {
  method: string;
  /** Path with query. */
  path: string;
  /** 0 until the response ends, and for a reset connection. */
  status: number;
  startedAt: number;
  endedAt: number;
  authorization?: AuthorizationKind;
}

export interface RunningEmulator {
  /** http://127.0.0.1:PORT */
  url: string;
  /** Every request, in arrival order; never holds secrets. */
  requests: RecordedRequest[];
  /** Highest number of requests in flight at once so far. */
  maxConcurrent: number;
  /** Replaces the active faults (and their remaining counts). */
  setFaults(faults: Faults): void;
  /** Closes the server and every open socket. */
  close(): Promise<void>;
}

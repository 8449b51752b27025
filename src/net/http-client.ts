import { createSecureContext, type SecureContext } from 'node:tls';
import type { Dispatcher } from 'undici';
import { FileRefused, readTextFile } from '../io/bounded-file.js';
import { abortError, HttpError } from './errors.js';
import { waitForRateLimit } from './rate-wait.js';
import { DEFAULT_BACKOFF, fullJitterDelay, retryAfterMs, sleep, type BackoffPolicy } from './retry.js';

export interface HttpSettings {
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  maxResponseBytes: number;
  backoff: BackoffPolicy;
  /** How many 429 answers in a row a request waits out before giving up. */
  rateLimitRetries: number;
  /** Extra CA certificates (PEM file) trusted besides the system store: corporate TLS inspection. */
  caFile?: string | undefined;
}

export const DEFAULT_HTTP_SETTINGS: HttpSettings = {
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 20_000,
  bodyTimeoutMs: 20_000,
  maxResponseBytes: 32 * 1024 * 1024,
  backoff: DEFAULT_BACKOFF,
  rateLimitRetries: 5,
};

export type HeaderValue = string | string[] | undefined;

export interface HttpResponse {
  status: number;
  headers: Record<string, HeaderValue>;
  text: string;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: URL;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  /** Safe to repeat although not a GET (a client-credentials token request): retried like a GET. */
  idempotent?: boolean;
  /**
   * How long to wait before retrying a 429, from the response (Okta: its rate-limit reset); the
   * default honours Retry-After, else backs off.
   */
  rateLimitWaitMs?: (res: HttpResponse) => number | undefined;
}

const RETRYABLE_STATUS = new Set([500, 502, 503, 504]);

export function headerValue(headers: Record<string, HeaderValue>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function errorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } };
  if (typeof e?.code === 'string') return e.code;
  if (typeof e?.cause?.code === 'string') return e.cause.code;
  return undefined;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/** One line for a transport failure; never includes headers or bodies of the request. */
function describeFailure(error: unknown, settings: HttpSettings, progress: { received: number; expected?: number }): HttpError {
  const code = errorCode(error);
  if (progress.expected !== undefined && progress.received < progress.expected) {
    return new HttpError('truncated', `response cut off after ${progress.received} of ${progress.expected} bytes`);
  }
  switch (code) {
    case 'ECONNREFUSED':
      return new HttpError('network', 'connection refused');
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new HttpError('network', 'host not found (DNS)');
    case 'ECONNRESET':
    case 'EPIPE':
      return new HttpError('network', 'connection reset by the server or a proxy');
    case 'UND_ERR_SOCKET':
      return new HttpError('network', 'connection closed before the response was complete');
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return new HttpError('timeout', `no connection within ${seconds(settings.connectTimeoutMs)}`);
    case 'UND_ERR_HEADERS_TIMEOUT':
      return new HttpError('timeout', `no response headers within ${seconds(settings.headersTimeoutMs)}`);
    case 'UND_ERR_BODY_TIMEOUT':
      return new HttpError('timeout', `response body stalled for ${seconds(settings.bodyTimeoutMs)}`);
    case 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH':
      return new HttpError('truncated', 'response shorter than its Content-Length');
    default:
      break;
  }
  if (code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) {
    const advice = settings.caFile ? `the CA file ${settings.caFile} does not vouch for this server either` : 'set caFile or TRUSTLINE_CA_FILE for a corporate CA';
    return new HttpError('tls', `TLS certificate not trusted (${code}); ${advice}`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new HttpError('network', code ? `${code}: ${message}` : message);
}

/** A CA bundle is at most a few hundred kilobytes (the whole Mozilla store is about 220 KiB). */
const MAX_CA_FILE_BYTES = 4 * 1024 * 1024;

/**
 * The default trust store (what a request without `ca` trusts: Node's roots, or the system's under
 * --use-openssl-ca, and NODE_EXTRA_CA_CERTS) plus every certificate of the CA file. Passing `ca`
 * instead would put the file and Node's bundled roots in place of all of that. Node 20 starts a
 * context's own store from the roots alone, so NODE_EXTRA_CA_CERTS is added again here.
 */
async function withExtraCa(pem: string): Promise<SecureContext> {
  const context = createSecureContext();
  const store = context.context as { addCACert(pem: string): void };
  const extra = process.env['NODE_EXTRA_CA_CERTS'];
  if (extra) {
    // Unreadable: Node warned about it at start-up and trusts nothing from it either.
    const text = await readTextFile(extra, MAX_CA_FILE_BYTES).catch(() => undefined);
    if (text?.includes('-----BEGIN CERTIFICATE-----')) store.addCACert(text);
  }
  store.addCACert(pem);
  return context;
}

type Undici = Pick<typeof import('undici'), 'EnvHttpProxyAgent' | 'request'>;

/**
 * undici, loaded with the first client: commands that never go live (bundles, the console on a bundle)
 * do not pay for a megabyte of HTTP stack at start-up. It is CommonJS: split into a chunk of its own
 * by the bundler, its exports arrive as the module's default.
 */
async function loadUndici(): Promise<Undici> {
  const mod = (await import('undici')) as unknown as Undici & { default?: Undici };
  return typeof mod.EnvHttpProxyAgent === 'function' ? mod : mod.default!;
}

/**
 * HTTP on undici for the API clients: explicit connect, header and body timeouts, the caller's
 * deadline (AbortSignal), a response size cap, proxies from HTTPS_PROXY / NO_PROXY, an extra CA, and
 * retries with capped exponential backoff and full jitter for idempotent requests on network errors
 * and 5xx, Retry-After honoured. Whole requests are retried: the APIs here do not serve ranges.
 */
export class HttpClient {
  private constructor(
    private readonly dispatcher: Dispatcher,
    private readonly request: Undici['request'],
    readonly settings: HttpSettings,
  ) {}

  static async create(settings: HttpSettings = DEFAULT_HTTP_SETTINGS): Promise<HttpClient> {
    const { EnvHttpProxyAgent, request } = await loadUndici();
    let ca: string | undefined;
    if (settings.caFile) {
      try {
        ca = await readTextFile(settings.caFile, MAX_CA_FILE_BYTES);
      } catch (error) {
        const why = error instanceof FileRefused ? error.message : ((error as NodeJS.ErrnoException).code ?? 'unreadable');
        throw new HttpError('config', `cannot read CA file ${settings.caFile}: ${why}`);
      }
    }
    if (ca !== undefined && !ca.includes('-----BEGIN CERTIFICATE-----')) {
      throw new HttpError('config', `CA file ${settings.caFile} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
    }
    const tls = ca ? { secureContext: await withExtraCa(ca) } : {};
    const dispatcher = new EnvHttpProxyAgent({
      connect: { timeout: settings.connectTimeoutMs, ...tls },
      requestTls: tls,
      headersTimeout: settings.headersTimeoutMs,
      bodyTimeout: settings.bodyTimeoutMs,
      connections: 8,
    });
    return new HttpClient(dispatcher, request, settings);
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    const idempotent = req.method === 'GET' || req.idempotent === true;
    let failures = 0;
    let rateLimited = 0;
    for (;;) {
      let res: HttpResponse;
      try {
        res = await this.once(req);
      } catch (error) {
        if (error instanceof HttpError) {
          const transient = error.kind === 'network' || error.kind === 'timeout' || error.kind === 'truncated';
          if (idempotent && transient && failures < this.settings.backoff.retries) {
            await this.pause(fullJitterDelay(failures++, this.settings.backoff), req.signal);
            continue;
          }
        }
        throw error;
      }
      if (res.status === 429 && rateLimited < this.settings.rateLimitRetries) {
        const wait = req.rateLimitWaitMs?.(res) ?? retryAfterMs(headerValue(res.headers, 'retry-after'), Date.now());
        if (wait === undefined) await this.pause(fullJitterDelay(rateLimited, this.settings.backoff), req.signal);
        else await waitForRateLimit(wait, req.signal);
        rateLimited++;
        continue;
      }
      if (idempotent && RETRYABLE_STATUS.has(res.status) && failures < this.settings.backoff.retries) {
        const asked = retryAfterMs(headerValue(res.headers, 'retry-after'), Date.now());
        await this.pause(asked ?? fullJitterDelay(failures, this.settings.backoff), req.signal);
        failures++;
        continue;
      }
      return res;
    }
  }

  private async pause(ms: number, signal: AbortSignal): Promise<void> {
    try {
      await sleep(ms, signal);
    } catch {
      throw abortError(signal);
    }
  }

  private async once(req: HttpRequest): Promise<HttpResponse> {
    const progress: { received: number; expected?: number } = { received: 0 };
    try {
      const res = await this.request(req.url, {
        dispatcher: this.dispatcher,
        method: req.method,
        headers: req.headers,
        body: req.body,
        signal: req.signal,
      });
      const length = Number(headerValue(res.headers, 'content-length'));
      if (Number.isFinite(length)) progress.expected = length;
      if (progress.expected !== undefined && progress.expected > this.settings.maxResponseBytes) {
        res.body.destroy();
        throw new HttpError('too-large', `response of ${progress.expected} bytes exceeds the ${this.settings.maxResponseBytes}-byte cap`);
      }
      const chunks: Buffer[] = [];
      for await (const chunk of res.body) {
        const buf = chunk as Buffer;
        progress.received += buf.length;
        if (progress.received > this.settings.maxResponseBytes) {
          res.body.destroy();
          throw new HttpError('too-large', `response exceeds the ${this.settings.maxResponseBytes}-byte cap`);
        }
        chunks.push(buf);
      }
      return { status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') };
    } catch (error) {
      if (error instanceof HttpError) throw error;
      if (req.signal.aborted) throw abortError(req.signal);
      throw describeFailure(error, this.settings, progress);
    }
  }
}


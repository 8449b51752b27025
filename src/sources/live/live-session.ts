import type { SourceAdapter } from '../../core/adapter.js';
import type { LiveConnection } from '../../core/live.js';
import type { LiveSettings } from '../../config/credentials.js';
import { DEFAULT_HTTP_SETTINGS, HttpClient, type HttpSettings } from '../../net/http-client.js';
import { sourceAdapters } from '../registry.js';

export interface LiveSessionOptions {
  http?: HttpSettings | undefined;
  /** Settings of the endpoint sources: what reaches the Mac (given on the command line, not in the config). */
  device?: unknown;
  /** Page size for paged logs (default each API's maximum). */
  pageLimit?: number | undefined;
  /** Log text kept before a read stops, partial (default each source's own bound). */
  maxLogText?: number | undefined;
}

/** One source of a session: its adapter and its connection. */
export interface SessionSource {
  adapter: SourceAdapter;
  connection: LiveConnection;
}

/**
 * The configured sources of one command, connected in registry order: one HTTP client for all, one
 * API client (and rate budget) per source, shared by device resolution, the fetch and the follow-up.
 */
export interface LiveSession {
  readonly sources: readonly SessionSource[];
  close(): Promise<void>;
}

export async function openLiveSession(settings: LiveSettings, opts: LiveSessionOptions = {}): Promise<LiveSession> {
  const http = await HttpClient.create({ ...(opts.http ?? DEFAULT_HTTP_SETTINGS), caFile: settings.caFile });
  const net = { http, pageLimit: opts.pageLimit, maxLogText: opts.maxLogText };
  const sources = await Promise.all(
    sourceAdapters().flatMap((adapter): Promise<SessionSource>[] => {
      const configured = adapter.role === 'endpoint' ? opts.device : settings.sources[adapter.id];
      const live = adapter.live;
      return live && configured !== undefined ? [live.connect(configured, net).then((connection) => ({ adapter, connection }))] : [];
    }),
  );
  return { sources, close: () => http.close() };
}

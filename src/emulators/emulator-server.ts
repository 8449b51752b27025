// The HTTP core both emulators share: loopback listener, request log, concurrency count, faults.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { FaultState, type FaultPlan } from './faults.js';
import { authorizationKind, baseUrl, type Exchange, type Reply } from './http-util.js';
import type { Faults, RecordedRequest, RunningEmulator } from './types.js';

const MAX_BODY_BYTES = 256 * 1024;

export type ReplacingFault = 'tooManyRequests' | 'serverErrors' | 'htmlBody';

/** What makes a server Okta or Jamf: its routes and the shape of its failures. */
export interface ApiProfile {
  handle(ex: Exchange): Promise<Reply>;
  /** The reply an injected fault puts in place of the real one (also used, as serverErrors 500, when a handler throws). */
  faultReply(fault: ReplacingFault, plan: FaultPlan, ex: Exchange): Reply;
  /** Headers every reply of this API carries. */
  decorate?(reply: Reply, ex: Exchange): void;
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function writeReply(res: ServerResponse, reply: Reply, truncate: boolean): void {
  const body = Buffer.from(reply.body, 'utf8');
  if (!truncate) {
    res.writeHead(reply.status, { ...reply.headers, 'content-length': body.length });
    res.end(body);
    return;
  }
  // Promise the whole body (at least one byte), send half of it, then end the connection.
  res.writeHead(reply.status, { ...reply.headers, 'content-length': Math.max(body.length, 1) });
  res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.end());
}

/** Starts a loopback server for an API profile. */
export async function startEmulatorServer(profile: ApiProfile, initialFaults: Faults | undefined): Promise<RunningEmulator> {
  const faults = new FaultState(initialFaults);
  const closing = new AbortController();
  const requests: RecordedRequest[] = [];
  let inFlight = 0;
  let listenUrl = 'http://127.0.0.1';

  const emulator: RunningEmulator = {
    url: '',
    requests,
    maxConcurrent: 0,
    setFaults: (next) => faults.set(next),
    close: () =>
      new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      status: 0,
      startedAt: Date.now(),
      endedAt: 0,
      authorization: authorizationKind(req.headers),
    };
    requests.push(record);
    inFlight++;
    emulator.maxConcurrent = Math.max(emulator.maxConcurrent, inFlight);
    let finished = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      inFlight--;
      record.endedAt = Date.now();
      if (res.headersSent) record.status = res.statusCode;
    };
    res.once('close', finish);

    const plan = faults.take(record.path);
    if (plan.fault === 'connectionReset') {
      req.socket.resetAndDestroy();
      finish();
      return;
    }
    const body = await readBody(req);
    const base = baseUrl(req.headers, listenUrl);
    // Concatenated, not resolved: a path like //x must stay a path, not become a host.
    const ex: Exchange = { method: record.method, url: new URL(`${base}${record.path}`), base, headers: req.headers, body: body ?? '' };
    if (plan.latencyMs > 0) await sleep(plan.latencyMs, undefined, { signal: closing.signal });
    if (plan.slowHeadersMs > 0) await sleep(plan.slowHeadersMs, undefined, { signal: closing.signal });
    let reply: Reply;
    if (body === undefined) reply = { status: 413, headers: { 'content-type': 'text/plain' }, body: 'Request body too large' };
    else if (plan.fault !== undefined && plan.fault !== 'truncatedBody') reply = profile.faultReply(plan.fault, plan, ex);
    else reply = await profile.handle(ex).catch(() => profile.faultReply('serverErrors', { ...plan, serverErrorStatus: 500 }, ex));
    profile.decorate?.(reply, ex);
    if (!closing.signal.aborted && !res.destroyed) writeReply(res, reply, plan.fault === 'truncatedBody');
  }

  const server = createServer((req, res) => {
    // Only a wait cut short by close() (or a broken socket) lands here: drop the connection.
    serve(req, res).catch(() => res.destroy());
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  listenUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  emulator.url = listenUrl;
  return emulator;
}

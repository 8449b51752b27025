import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** Writes chunks to a stream, waiting for 'drain' so large outputs do not pile up in memory. */
export async function writeChunks(out: Writable, chunks: Iterable<string>): Promise<void> {
  for (const chunk of chunks) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
}

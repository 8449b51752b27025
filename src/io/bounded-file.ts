/**
 * The one way trustline opens a file it did not write: the file's type is checked on the open handle
 * before a byte is read (a FIFO, device or socket is refused, never waited on), its size is checked
 * against the caller's cap, and at most MAX_OPEN_FILES are open at once (macOS allows 256 by default).
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Semaphore } from '../net/semaphore.js';

/** Files trustline holds open at once, whatever reads them; the rest wait their turn. */
export const MAX_OPEN_FILES = 32;

const openSlots = new Semaphore(MAX_OPEN_FILES);

const openWatchers = new Set<() => void>();

/** Calls `watcher` each time a file is opened through this reader (a progress count); returns its remover. */
export function watchFileOpens(watcher: () => void): () => void {
  openWatchers.add(watcher);
  return () => {
    openWatchers.delete(watcher);
  };
}

/** A file that was refused or could not be read: the message is one line, without the path. */
export class FileRefused extends Error {}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a FIFO';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** Megabytes or kilobytes, as a cap is worded in messages. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
  return `${Math.round(bytes / 1024)} KiB`;
}

/** One line for a file-system error while opening or reading (the errno code, never a path). */
export function describeFileError(error: unknown): string {
  if (error instanceof FileRefused) return error.message;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return `cannot read the file (${code ?? (error instanceof Error ? error.message : String(error))})`;
}

export interface RegularFileOptions {
  /** Larger files are refused before reading. */
  maxBytes?: number;
}

/**
 * Opens `path` for reading, refuses anything that is not a regular file or is larger than `maxBytes`,
 * and runs `use` with the handle; the handle is closed and its slot freed afterwards. Errors from the
 * file system propagate (ENOENT, EACCES); refusals are FileRefused.
 */
export async function withRegularFile<T>(
  path: string,
  options: RegularFileOptions,
  use: (handle: FileHandle, info: Stats) => Promise<T>,
): Promise<T> {
  return openSlots.run(async () => {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
    const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    for (const watcher of openWatchers) watcher();
    try {
      const info = await handle.stat();
      if (!info.isFile()) throw new FileRefused(`${kindOf(info)}, not a regular file; not read`);
      if (options.maxBytes !== undefined && info.size > options.maxBytes) {
        throw new FileRefused(`larger than ${formatBytes(options.maxBytes)}; not read`);
      }
      return await use(handle, info);
    } finally {
      await handle.close();
    }
  });
}

/**
 * Reads at most `maxBytes` of an open file: a file that grows past the cap while being read is
 * refused too (the size checked at open time can be a lie for /proc-like files).
 */
async function readCapped(handle: FileHandle, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const buffer = Buffer.alloc(Math.min(256 * 1024, maxBytes + 1 - total));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
    if (bytesRead === 0) break;
    chunks.push(buffer.subarray(0, bytesRead));
    total += bytesRead;
    if (total > maxBytes) throw new FileRefused(`larger than ${formatBytes(maxBytes)}; not read`);
  }
  return Buffer.concat(chunks, total);
}

/** A whole small text file (config, theme, pack, CA, probe output), type and size checked first. */
export async function readTextFile(path: string, maxBytes: number): Promise<string> {
  return withRegularFile(path, { maxBytes }, async (handle) => (await readCapped(handle, maxBytes)).toString('utf8'));
}

/** The same check and cap, synchronously, for the few files read before anything else runs (a theme). */
export function readTextFileSync(path: string, maxBytes: number): string {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new FileRefused(`${kindOf(info)}, not a regular file; not read`);
    if (info.size > maxBytes) throw new FileRefused(`larger than ${formatBytes(maxBytes)}; not read`);
    const buffer = Buffer.alloc(maxBytes + 1);
    let filled = 0;
    for (let n = 1; n > 0 && filled < buffer.length; filled += n) n = readSync(fd, buffer, filled, buffer.length - filled, null);
    if (filled > maxBytes) throw new FileRefused(`larger than ${formatBytes(maxBytes)}; not read`);
    return buffer.toString('utf8', 0, filled);
  } finally {
    closeSync(fd);
  }
}

/** Streams a regular file's bytes, in chunks, to `onChunk`. */
export async function streamRegularFile(path: string, onChunk: (chunk: Buffer) => void, maxBytes?: number): Promise<void> {
  await withRegularFile(path, maxBytes === undefined ? {} : { maxBytes }, async (handle) => {
    for await (const chunk of handle.createReadStream({ highWaterMark: 256 * 1024, autoClose: false })) {
      onChunk(chunk as Buffer);
    }
  });
}

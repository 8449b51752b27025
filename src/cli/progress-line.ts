import type { BundleProgress } from '../sources/bundle/analyze-bundle.js';

/** Where a progress line goes: a stream that may be a terminal (process.stderr). */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

export interface ProgressLine {
  /** The bundle read's progress, as analyzeBundle tells it. */
  bundle(p: BundleProgress): void;
  /** Erases the line (before anything else is printed or the console opens). */
  done(): void;
}

const ERASE = '\r\x1b[2K';

/**
 * One line on stderr rewritten in place while a bundle is read, only when stderr is a terminal (never
 * in a pipe or a log file): the listing, then every 100 files; erased when the read ends.
 */
export function progressLine(stream: ProgressStream = process.stderr): ProgressLine {
  let shown = false;
  return {
    bundle(p) {
      if (stream.isTTY !== true) return;
      const text =
        p.stage === 'listing'
          ? 'listing the bundle…'
          : `reading the bundle: ${Math.min(p.opened, p.files).toLocaleString('en-US')} of ${p.files.toLocaleString('en-US')} files…`;
      shown = true;
      stream.write(`${ERASE}${text}`);
    },
    done() {
      if (shown) stream.write(ERASE);
      shown = false;
    },
  };
}

/** Runs a read with a progress line on stderr (a terminal only), erased when the read ends. */
export async function withProgressLine<T>(run: (line: ProgressLine) => Promise<T>, stream?: ProgressStream): Promise<T> {
  const line = progressLine(stream);
  try {
    return await run(line);
  } finally {
    line.done();
  }
}

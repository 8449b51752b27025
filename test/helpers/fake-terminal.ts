import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';

/** End of a synchronized-output frame: Ink writes BSU, the frame, ESU to a TTY. */
const ESU = '\u001b[?2026l';
const FRAME_TIMEOUT_MS = 5000;

/**
 * A terminal for Ink outside a test renderer: a TTY-like stdout of a given size (Ink renders
 * throttled, synchronized frames to it as to a real terminal) that notes when each frame has been
 * written and keeps what was written.
 */
export class FakeTerminal extends EventEmitter {
  readonly isTTY = true;
  lastFrameAt = 0;
  /** Everything written, in order. */
  readonly written: string[] = [];
  private waiter: ((at: number) => void) | undefined;

  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    super();
  }

  write(chunk: string | Uint8Array, ...rest: unknown[]): boolean {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    this.written.push(text);
    if (text.includes(ESU)) {
      this.lastFrameAt = performance.now();
      const w = this.waiter;
      this.waiter = undefined;
      w?.(this.lastFrameAt);
    }
    const callback = rest.find((r): r is () => void => typeof r === 'function');
    callback?.();
    return true;
  }

  /** Resolves with the time the next frame has been written. */
  nextFrame(): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no frame was written within 5 s')), FRAME_TIMEOUT_MS);
      this.waiter = (at) => {
        clearTimeout(timer);
        resolve(at);
      };
    });
  }

  /** Resolves once no frame has been written for `ms`. */
  async quiet(ms: number): Promise<void> {
    for (;;) {
      const since = performance.now() - this.lastFrameAt;
      if (since >= ms) return;
      await new Promise((r) => setTimeout(r, ms - since));
    }
  }
}

/** A TTY-like stdin for Ink's raw mode: keys are written to it. */
export function fakeStdin(): PassThrough & { isTTY: boolean; setRawMode(on: boolean): unknown; ref(): unknown; unref(): unknown } {
  return Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => undefined, ref: () => undefined, unref: () => undefined });
}

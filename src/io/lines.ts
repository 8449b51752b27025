import { streamRegularFile } from './bounded-file.js';

/** Receives lines one at a time: the shape every text parser implements, whatever the origin of the text. */
export interface LineSink {
  /** `text` has no line terminator (LF or CRLF) and no BOM; `lineNo` is 1-based. */
  line(text: string, lineNo: number, truncated: boolean): void;
  end(): void;
}

/** Lines longer than this are cut; the rest of the line is dropped and the line is flagged truncated. */
export const MAX_LINE_BYTES = 4 * 1024 * 1024;

const LF = 10;
const CR = 13;

/** Splits byte chunks into lines without holding more than one (capped) line in memory. */
export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private truncated = false;
  private lineNo = 0;
  private first = true;

  constructor(
    private readonly sink: LineSink,
    private readonly maxLineBytes = MAX_LINE_BYTES,
  ) {}

  write(chunk: Buffer): void {
    let start = 0;
    if (this.first && chunk.length > 0) {
      this.first = false;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) start = 3;
    }
    let nl = chunk.indexOf(LF, start);
    while (nl !== -1) {
      if (this.pendingBytes === 0 && !this.truncated && nl - start <= this.maxLineBytes) {
        // The whole line is in this chunk (nearly always): decode it straight from the chunk.
        const end = nl > start && chunk[nl - 1] === CR ? nl - 1 : nl;
        this.sink.line(chunk.toString('utf8', start, end), ++this.lineNo, false);
      } else {
        this.append(chunk, start, nl);
        this.flush();
      }
      start = nl + 1;
      nl = chunk.indexOf(LF, start);
    }
    if (start < chunk.length) this.append(chunk, start, chunk.length);
  }

  end(): void {
    if (this.pendingBytes > 0 || this.truncated) this.flush();
    this.sink.end();
  }

  get lines(): number {
    return this.lineNo;
  }

  private append(chunk: Buffer, from: number, to: number): void {
    const room = this.maxLineBytes - this.pendingBytes;
    if (to - from > room) {
      this.truncated = true;
      to = from + Math.max(room, 0);
    }
    if (to > from) {
      this.pending.push(chunk.subarray(from, to));
      this.pendingBytes += to - from;
    }
  }

  private flush(): void {
    this.lineNo++;
    let text: string;
    if (this.pending.length === 1) text = this.pending[0]!.toString('utf8');
    else text = Buffer.concat(this.pending, this.pendingBytes).toString('utf8');
    if (text.charCodeAt(text.length - 1) === CR) text = text.slice(0, -1);
    const truncated = this.truncated;
    this.pending = [];
    this.pendingBytes = 0;
    this.truncated = false;
    this.sink.line(text, this.lineNo, truncated);
  }
}

/** Streams a file into a sink, line by line. */
export async function feedFile(path: string, sink: LineSink, maxLineBytes = MAX_LINE_BYTES): Promise<number> {
  const splitter = new LineSplitter(sink, maxLineBytes);
  await streamRegularFile(path, (chunk) => splitter.write(chunk));
  splitter.end();
  return splitter.lines;
}

/** Feeds text already in memory through the same splitter (same line numbers, caps and CRLF handling). */
export function feedText(text: string, sink: LineSink, maxLineBytes = MAX_LINE_BYTES): number {
  const splitter = new LineSplitter(sink, maxLineBytes);
  splitter.write(Buffer.from(text, 'utf8'));
  splitter.end();
  return splitter.lines;
}

import { TokenParser, Tokenizer, TokenType } from '@streamparser/json';
import type { TimelineEvent } from '../../../model/event.js';
import type { FileReport } from '../../../model/file-report.js';
import type { LineSink } from '../../../io/lines.js';
import { LogShowRecords } from './log-show-record.js';
import type { RecordIdKey, SeenRecords } from './seen-records.js';
import { isBannerLine } from './text-log-parser.js';

/** A record (one element of the array) longer than this stops the read: `log show` records are about 1 KB. */
const MAX_RECORD_CHARS = 1024 * 1024;

/** Keeps the text of the last number it read: 64-bit ids lose digits as JavaScript numbers. */
class DigitKeepingTokenizer extends Tokenizer {
  lastNumber = '';

  protected override parseNumber(text: string): number {
    this.lastNumber = text;
    return super.parseNumber(text);
  }
}

/** One array being parsed: the element being built, where it started, how big it has grown, its ids as written. */
interface OpenArray {
  tokenizer: DigitKeepingTokenizer;
  depth: number;
  startLine: number;
  chars: number;
  records: number;
  /** The element's last key (a string read where a key is expected), and its 64-bit ids as written. */
  key: string | undefined;
  expectKey: boolean;
  written: Partial<Record<RecordIdKey, string>>;
}

/**
 * `log show --style json`: one pretty-printed JSON array of records, which admins often save. It is
 * streamed element by element (nothing is held but the element being built), after any
 * `Filtering…`/`Skipping…` banner; a second array appended to the same file is read too.
 */
export class JsonArrayLogParser implements LineSink {
  private readonly records: LogShowRecords;
  private open: OpenArray | undefined;
  private lineNo = 0;
  private stopped = false;

  constructor(
    rel: string,
    private readonly report: FileReport,
    emit: (event: TimelineEvent) => void,
    seen: SeenRecords,
  ) {
    this.records = new LogShowRecords(rel, report, emit, seen);
  }

  line(text: string, lineNo: number, truncated: boolean): void {
    if (this.stopped) return;
    this.lineNo = lineNo;
    if (!this.open) {
      if (text.trim() === '' || isBannerLine(text)) return;
      if (!text.trimStart().startsWith('[')) {
        this.report.skip(lineNo, 'not part of a JSON array');
        return;
      }
      this.open = this.startArray();
    }
    if (truncated) return this.stop(`line ${lineNo} is longer than the line cap`);
    const open = this.open;
    open.chars += text.length + 1;
    if (open.chars > MAX_RECORD_CHARS) return this.stop(`the record starting at line ${open.startLine} is longer than ${MAX_RECORD_CHARS / 1024 / 1024} MiB`);
    try {
      open.tokenizer.write(text + '\n');
    } catch (error) {
      return this.stop(`not valid JSON at line ${lineNo} (${(error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 120)})`);
    }
    if (open.tokenizer.isEnded) this.open = undefined;
  }

  end(): void {
    if (this.open && !this.stopped) this.report.fail(`the JSON array ends early, after ${this.open.records} record(s)`);
    this.records.end();
  }

  private stop(reason: string): void {
    this.stopped = true;
    this.report.fail(`${reason}; reading stopped, ${this.open?.records ?? 0} record(s) of that array kept`);
  }

  private startArray(): OpenArray {
    const tokenizer = new DigitKeepingTokenizer();
    const parser = new TokenParser({ paths: ['$.*'], keepStack: false });
    const open: OpenArray = { tokenizer, depth: 0, startLine: this.lineNo, chars: 0, records: 0, key: undefined, expectKey: false, written: {} };
    tokenizer.onToken = (token) => {
      if (token.token === TokenType.LEFT_BRACE || token.token === TokenType.LEFT_BRACKET) {
        if (open.depth === 1) {
          open.startLine = this.lineNo;
          open.chars = 0;
          open.written = {};
          open.expectKey = token.token === TokenType.LEFT_BRACE;
        }
        open.depth++;
      } else if (token.token === TokenType.RIGHT_BRACE || token.token === TokenType.RIGHT_BRACKET) {
        open.depth--;
      } else if (open.depth === 2) {
        this.noteRecordToken(open, token.token, token.value);
      }
      parser.write(token);
    };
    tokenizer.onEnd = () => {
      if (!parser.isEnded) parser.end();
    };
    parser.onError = tokenizer.error.bind(tokenizer);
    parser.onEnd = () => {
      if (!tokenizer.isEnded) tokenizer.end();
    };
    parser.onValue = ({ value }) => {
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        open.records++;
        const written = open.written;
        this.records.take(value, open.startLine, this.lineNo, (key) => written[key]);
      } else {
        this.report.skip(this.lineNo, 'array element is not a JSON object');
      }
    };
    return open;
  }

  /** Follows the keys of a record's own members to keep its 64-bit ids as written. */
  private noteRecordToken(open: OpenArray, token: TokenType, value: unknown): void {
    if (token === TokenType.COMMA) {
      open.expectKey = true;
    } else if (token === TokenType.STRING && open.expectKey) {
      open.key = String(value);
      open.expectKey = false;
    } else if (token === TokenType.NUMBER && (open.key === 'machTimestamp' || open.key === 'traceID')) {
      open.written[open.key] = open.tokenizer.lastNumber;
    }
  }
}

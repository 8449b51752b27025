// RSQL, the filter language of the Jamf Pro API (`;` and, `,` or, `==`, `!=`, `=lt=`…, `=in=(…)`).
import { parseIsoDateTime } from '../json.js';

export type RsqlOperator = '==' | '!=' | '=lt=' | '=le=' | '=gt=' | '=ge=' | '=in=' | '=out=';

export type RsqlNode = { kind: 'and' | 'or'; items: RsqlNode[] } | { kind: 'compare'; selector: string; op: RsqlOperator; args: string[] };

export class RsqlError extends Error {}

const OPERATORS: [string, RsqlOperator][] = [
  ['=in=', '=in='], ['=out=', '=out='], ['=lt=', '=lt='], ['=le=', '=le='], ['=gt=', '=gt='], ['=ge=', '=ge='],
  ['==', '=='], ['!=', '!='], ['<=', '=le='], ['>=', '=ge='], ['<', '=lt='], ['>', '=gt='],
];

class Parser {
  private at = 0;
  constructor(private readonly text: string) {}

  parse(): RsqlNode {
    const node = this.or();
    if (this.at < this.text.length) throw new RsqlError(`unexpected '${this.text[this.at]}' at position ${this.at}`);
    return node;
  }

  private or(): RsqlNode {
    const items = [this.and()];
    while (this.eat(',')) items.push(this.and());
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  }

  private and(): RsqlNode {
    const items = [this.primary()];
    while (this.eat(';')) items.push(this.primary());
    return items.length === 1 ? items[0]! : { kind: 'and', items };
  }

  private primary(): RsqlNode {
    if (this.eat('(')) {
      const node = this.or();
      if (!this.eat(')')) throw new RsqlError(`expected ')' at position ${this.at}`);
      return node;
    }
    const selector = /^[A-Za-z0-9_.-]+/.exec(this.text.slice(this.at))?.[0];
    if (!selector) throw new RsqlError(`expected a field name at position ${this.at}`);
    this.at += selector.length;
    const op = OPERATORS.find(([token]) => this.text.startsWith(token, this.at));
    if (!op) throw new RsqlError(`expected a comparison operator after '${selector}' at position ${this.at}`);
    this.at += op[0].length;
    if (op[1] !== '=in=' && op[1] !== '=out=') return { kind: 'compare', selector, op: op[1], args: [this.value()] };
    if (!this.eat('(')) throw new RsqlError(`expected '(' at position ${this.at}`);
    const args = [this.value()];
    while (this.eat(',')) args.push(this.value());
    if (!this.eat(')')) throw new RsqlError(`expected ')' at position ${this.at}`);
    return { kind: 'compare', selector, op: op[1], args };
  }

  private value(): string {
    const quote = this.text[this.at];
    if (quote === '"' || quote === "'") {
      let value = '';
      let i = this.at + 1;
      for (; i < this.text.length && this.text[i] !== quote; i++) {
        if (this.text[i] === '\\' && i + 1 < this.text.length) i++;
        value += this.text[i];
      }
      if (i >= this.text.length) throw new RsqlError(`unterminated string at position ${this.at}`);
      this.at = i + 1;
      return value;
    }
    const value = /^[^"'();,=!~<>\s]+/.exec(this.text.slice(this.at))?.[0];
    if (!value) throw new RsqlError(`expected a value at position ${this.at}`);
    this.at += value.length;
    return value;
  }

  private eat(ch: string): boolean {
    if (this.text[this.at] !== ch) return false;
    this.at++;
    return true;
  }
}

export function parseRsql(text: string): RsqlNode {
  return new Parser(text).parse();
}

export function selectors(node: RsqlNode): string[] {
  return node.kind === 'compare' ? [node.selector] : node.items.flatMap(selectors);
}

function equals(actual: unknown, arg: string): boolean {
  if (actual === null || actual === undefined) return arg.toLowerCase() === 'null';
  const text = String(actual);
  if (!arg.includes('*')) return text.toLowerCase() === arg.toLowerCase();
  const pattern = arg.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${pattern}$`, 'i').test(text);
}

function order(actual: unknown, arg: string): number | undefined {
  if (typeof actual === 'number' && /^-?\d+(\.\d+)?$/.test(arg)) return actual - Number(arg);
  if (typeof actual !== 'string') return undefined;
  const a = parseIsoDateTime(actual);
  const b = parseIsoDateTime(arg);
  if (a !== undefined && b !== undefined) return a - b;
  return actual < arg ? -1 : actual > arg ? 1 : 0;
}

/** Whether one field value satisfies a comparison. */
function compareValue(actual: unknown, op: RsqlOperator, args: readonly string[]): boolean {
  const first = args[0] ?? '';
  switch (op) {
    case '==':
    case '=in=':
      return args.some((arg) => equals(actual, arg));
    case '!=':
    case '=out=':
      return !args.some((arg) => equals(actual, arg));
    default: {
      const o = order(actual, first);
      if (o === undefined) return false;
      return op === '=lt=' ? o < 0 : op === '=le=' ? o <= 0 : op === '=gt=' ? o > 0 : o >= 0;
    }
  }
}

/** Whether a record passes the filter; `valueOf` reads a selector's value from the record. */
export function evaluateRsql(node: RsqlNode, valueOf: (selector: string) => unknown): boolean {
  if (node.kind !== 'compare') {
    const test = (item: RsqlNode): boolean => evaluateRsql(item, valueOf);
    return node.kind === 'and' ? node.items.every(test) : node.items.some(test);
  }
  return compareValue(valueOf(node.selector), node.op, node.args);
}

// The SCIM filter subset Okta accepts in `filter` (System Log) and `search` (Devices).

export type ScimOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'sw' | 'ew' | 'co' | 'pr';
export type ScimLiteral = string | number | boolean | null;

export type ScimNode =
  | { kind: 'and' | 'or'; left: ScimNode; right: ScimNode }
  | { kind: 'not'; operand: ScimNode }
  | { kind: 'compare'; path: string; op: ScimOperator; value: ScimLiteral; position: number };

const OPERATORS = new Set<string>(['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'sw', 'ew', 'co', 'pr']);

/** A filter Okta would reject; `message` follows Okta's wording, without the "Invalid filter '…': " prefix. */
export class ScimSyntaxError extends Error {}

interface Token {
  text: string;
  position: number;
  quoted: boolean;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')') {
      tokens.push({ text: ch, position: i, quoted: false });
      i++;
    } else if (ch === '"') {
      let value = '';
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '\\' && j + 1 < text.length) j++;
        value += text[j];
      }
      if (j >= text.length) throw new ScimSyntaxError(`Unterminated string at position ${i}`);
      tokens.push({ text: value, position: i, quoted: true });
      i = j + 1;
    } else {
      const word = /^[^\s()"]+/.exec(text.slice(i))![0];
      tokens.push({ text: word, position: i, quoted: false });
      i += word.length;
    }
  }
  return tokens;
}

class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[], private readonly length: number) {}

  parse(): ScimNode {
    const node = this.or();
    const extra = this.tokens[this.at];
    if (extra) throw new ScimSyntaxError(`Unexpected token '${extra.text}' at position ${extra.position}`);
    return node;
  }

  private keyword(word: string): boolean {
    const token = this.tokens[this.at];
    if (token && !token.quoted && token.text.toLowerCase() === word) {
      this.at++;
      return true;
    }
    return false;
  }

  private next(what: string): Token {
    const token = this.tokens[this.at++];
    if (!token) throw new ScimSyntaxError(`Expected ${what} at position ${this.length}`);
    return token;
  }

  private or(): ScimNode {
    let node = this.and();
    while (this.keyword('or')) node = { kind: 'or', left: node, right: this.and() };
    return node;
  }

  private and(): ScimNode {
    let node = this.unary();
    while (this.keyword('and')) node = { kind: 'and', left: node, right: this.unary() };
    return node;
  }

  private unary(): ScimNode {
    if (this.keyword('not')) return { kind: 'not', operand: this.unary() };
    const token = this.next('an attribute');
    if (token.text === '(' && !token.quoted) {
      const node = this.or();
      const close = this.next("')'");
      if (close.text !== ')' || close.quoted) throw new ScimSyntaxError(`Expected ')' at position ${close.position}`);
      return node;
    }
    if (token.quoted || !/^[A-Za-z_][A-Za-z0-9_.]*$/.test(token.text)) {
      throw new ScimSyntaxError(`Invalid attribute '${token.text}' at position ${token.position}`);
    }
    const opToken = this.next('an operator');
    const op = opToken.text.toLowerCase();
    if (opToken.quoted || !OPERATORS.has(op)) {
      throw new ScimSyntaxError(`Unrecognized attribute operator '${opToken.text}' at position ${opToken.position}. Expected: eq,co,sw,pr,gt,ge,lt,le`);
    }
    if (op === 'pr') return { kind: 'compare', path: token.text, op: 'pr', value: null, position: token.position };
    return { kind: 'compare', path: token.text, op: op as ScimOperator, value: this.literal(), position: token.position };
  }

  private literal(): ScimLiteral {
    const token = this.next('a value');
    if (token.quoted) return token.text;
    const word = token.text.toLowerCase();
    if (word === 'true' || word === 'false') return word === 'true';
    if (word === 'null') return null;
    if (/^-?\d+(\.\d+)?$/.test(token.text)) return Number(token.text);
    throw new ScimSyntaxError(`Invalid value '${token.text}' at position ${token.position}`);
  }
}

export function parseScim(text: string): ScimNode {
  return new Parser(tokenize(text), text.length).parse();
}

/** Every attribute comparison in the filter, for the endpoint's own field rules. */
export function comparisons(node: ScimNode): Extract<ScimNode, { kind: 'compare' }>[] {
  if (node.kind === 'compare') return [node];
  if (node.kind === 'not') return comparisons(node.operand);
  return [...comparisons(node.left), ...comparisons(node.right)];
}

function equal(value: unknown, literal: ScimLiteral): boolean {
  if (typeof literal === 'string' && (typeof value === 'number' || typeof value === 'boolean')) return String(value) === literal;
  return value === literal;
}

function ordered(value: unknown, literal: ScimLiteral, test: (order: number) => boolean): boolean {
  if (typeof value === 'number' && typeof literal === 'number') return test(value - literal);
  if (typeof value === 'string' && typeof literal === 'string') return test(value < literal ? -1 : value > literal ? 1 : 0);
  return false;
}

function matches(value: unknown, op: ScimOperator, literal: ScimLiteral): boolean {
  const text = typeof value === 'string' && typeof literal === 'string';
  switch (op) {
    case 'eq':
    case 'ne':
      return equal(value, literal);
    case 'sw':
      return text && (value as string).startsWith(literal as string);
    case 'ew':
      return text && (value as string).endsWith(literal as string);
    case 'co':
      return text && (value as string).includes(literal as string);
    case 'pr':
      return value !== null && value !== undefined && value !== '';
    case 'gt':
      return ordered(value, literal, (o) => o > 0);
    case 'ge':
      return ordered(value, literal, (o) => o >= 0);
    case 'lt':
      return ordered(value, literal, (o) => o < 0);
    case 'le':
      return ordered(value, literal, (o) => o <= 0);
  }
}

/** Whether a record passes the filter; `values` gives every value at an attribute path (arrays flattened). */
export function evaluateScim(node: ScimNode, values: (path: string) => unknown[]): boolean {
  switch (node.kind) {
    case 'and':
      return evaluateScim(node.left, values) && evaluateScim(node.right, values);
    case 'or':
      return evaluateScim(node.left, values) || evaluateScim(node.right, values);
    case 'not':
      return !evaluateScim(node.operand, values);
    case 'compare': {
      const hit = values(node.path).some((v) => matches(v, node.op, node.value));
      return node.op === 'ne' ? !hit : hit;
    }
  }
}

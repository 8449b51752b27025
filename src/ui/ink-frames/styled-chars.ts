import { ansiCodesToString, diffAnsiCodes, reduceAnsiCodesIncremental, type AnsiCode, type StyledChar, type Token } from '@alcalzone/ansi-tokenize';

/**
 * ansi-tokenize's styledCharsFromTokens and styledCharsToString, with one difference that keeps their
 * output: characters between two colour changes share one styles array, and a character whose styles
 * are the same array as its neighbour's needs no codes between them (the diff of equal styles is
 * empty), so a row is not diffed cell by cell.
 */
export function styledCharsFromTokens(tokens: readonly Token[]): StyledChar[] {
  let codes: AnsiCode[] = [];
  let styles: AnsiCode[] | undefined;
  const chars: StyledChar[] = [];
  for (const token of tokens) {
    if (token.type === 'ansi') {
      codes = reduceAnsiCodesIncremental(codes, [token]);
      styles = undefined;
    } else {
      styles ??= [...codes];
      chars.push({ ...token, styles });
    }
  }
  return chars;
}

export function styledCharsToString(chars: readonly StyledChar[]): string {
  let out = '';
  let previous: StyledChar | undefined;
  for (const char of chars) {
    if (previous === undefined) out += ansiCodesToString(char.styles);
    else if (previous.styles !== char.styles) out += ansiCodesToString(diffAnsiCodes(previous.styles, char.styles));
    out += char.value;
    previous = char;
  }
  // Styles still active at the end of the row are reset.
  if (previous !== undefined) out += ansiCodesToString(diffAnsiCodes(previous.styles, []));
  return out;
}

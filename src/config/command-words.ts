/**
 * Splits a command line from the config (a tokenCommand) into argv words the way a POSIX shell's
 * tokenizer does, without any expansion: single quotes keep everything literally, double quotes keep
 * everything but \" \\ \$ \` and a backslash-newline, a backslash outside quotes keeps the next
 * character. Everything a shell would act on unquoted (| & ; < > ( ) $ ` newline, a leading ~) is
 * refused with the column, because without a shell it would silently become an argument.
 */
export class CommandWordsError extends Error {}

const OPERATORS = new Set(['|', '&', ';', '<', '>', '(', ')', '$', '`', '\n']);
const DOUBLE_QUOTE_ESCAPES = new Set(['"', '\\', '$', '`', '\n']);

export function splitCommandWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  const refuse = (what: string, i: number): never => {
    throw new CommandWordsError(`${what} at column ${i + 1}: the command runs without a shell (for a pipeline write sh -c '…')`);
  };
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === ' ' || ch === '\t') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) refuse('unterminated single quote', i);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (ch === '"') {
      let text = '';
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        const c = line[j]!;
        if (c === '$' || c === '`') refuse(`${c} inside double quotes (no expansion here; use single quotes)`, j);
        if (c === '\\' && DOUBLE_QUOTE_ESCAPES.has(line[j + 1] ?? '')) {
          j++;
          if (line[j] !== '\n') text += line[j];
        } else text += c;
      }
      if (j >= line.length) refuse('unterminated double quote', i);
      word = (word ?? '') + text;
      i = j;
    } else if (ch === '\\') {
      if (i + 1 >= line.length) refuse('a backslash at the end', i);
      word = (word ?? '') + (line[i + 1] === '\n' ? '' : line[i + 1]);
      i++;
    } else if (OPERATORS.has(ch)) {
      refuse(`unquoted ${ch === '\n' ? 'newline' : ch}`, i);
    } else if (ch === '~' && word === undefined) {
      refuse('a leading ~ (no home expansion here: write the full path)', i);
    } else {
      word = (word ?? '') + ch;
    }
  }
  if (word !== undefined) words.push(word);
  if (words.length === 0) throw new CommandWordsError('the command is empty');
  return words;
}

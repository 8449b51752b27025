/**
 * Hostile and broken YAML in a config or an organisation pack (issue 17, item 16): an alias bomb is a
 * configuration error naming `file:line` (exit 2), not an internal error; a syntax error names its own line.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config/config-file.js';
import { DocumentError } from '../../src/config/yaml-document.js';
import { parsePackText } from '../../src/diagnosis/load-pack.js';
import { runCliAsync } from '../helpers/run-cli.js';
import { writeTree } from '../helpers/temp-files.js';

/** Nine levels of nine aliases each: 9^9 strings once expanded. */
const ALIAS_BOMB = [
  'a: &a ["x","x","x","x","x","x","x","x","x"]',
  ...['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map((name, i) => {
    const prev = 'abcdefgh'[i]!;
    return `${name}: &${name} [${Array.from({ length: 9 }, () => `*${prev}`).join(',')}]`;
  }),
].join('\n');

const BROKEN = 'sources:\n  okta:\n    url: https://example.okta.com\n\n  jamf: {url: "https://example.jamfcloud.com"\n';

async function configError(text: string): Promise<string> {
  const dir = writeTree({ 'config.yaml': text });
  const error = await readConfig(join(dir, 'config.yaml')).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DocumentError);
  return (error as DocumentError).message;
}

function packError(text: string): string {
  try {
    parsePackText(text, 'org.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(DocumentError);
    return (error as DocumentError).message;
  }
  throw new Error('the pack was accepted');
}

describe('YAML alias bombs and syntax errors', () => {
  it('an alias bomb in the config or a pack is a configuration error at the first alias', async () => {
    expect(await configError(ALIAS_BOMB)).toMatch(/config\.yaml:2: not valid YAML: .*alias/);
    expect(packError(ALIAS_BOMB)).toMatch(/^org\.yaml:2: not valid YAML: .*alias/);
  });

  it('a syntax error names the line it is on, not line 1', async () => {
    expect(await configError(BROKEN)).toMatch(/config\.yaml:[56]: not valid YAML/);
    expect(packError('engine: 2\nfindings:\n  - id: a\n    text: "unclosed\n')).toMatch(/^org\.yaml:[45]: not valid YAML/);
  });

  it('the CLI exits 2 with file:line for an alias bomb in a pack', async () => {
    const rules = writeTree({ 'org.yaml': ALIAS_BOMB });
    const r = await runCliAsync(['analyze', '--bundle', 'src/emulators/scenarios/cert-chain-break', '--json', '--rules', rules]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/org\.yaml:2: not valid YAML/);
    expect(r.stderr).not.toMatch(/internal error/);
  }, 30_000);
});

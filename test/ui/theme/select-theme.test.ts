import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DocumentError } from '../../../src/config/yaml-document.js';
import { themesDirectory } from '../../../src/ui/theme/load-theme.js';
import { selectTheme } from '../../../src/ui/theme/select-theme.js';
import { NO_COLOR_THEME } from '../../../src/ui/theme/types.js';
import { writeTree } from '../../helpers/temp-files.js';

const TTY_ENV = { TERM: 'xterm-256color' };

describe('selectTheme', () => {
  it('takes --theme, then the config, then dark', () => {
    expect(selectTheme({ env: TTY_ENV, colorLevel: 2 })).toMatchObject({ source: 'default', theme: { name: 'dark' } });
    expect(selectTheme({ config: 'light', env: TTY_ENV, colorLevel: 2 })).toMatchObject({ source: 'config', theme: { name: 'light' } });
    expect(selectTheme({ flag: 'high-contrast', config: 'light', env: TTY_ENV, colorLevel: 2 })).toMatchObject({ source: 'flag', theme: { name: 'high-contrast' } });
    expect(selectTheme({ flag: 'no-color', env: TTY_ENV, colorLevel: 3 })).toEqual({ source: 'flag', theme: NO_COLOR_THEME });
  });

  it('loads a theme file named by path; one that does not load is a one-line error', () => {
    const dark = readFileSync(join(themesDirectory(), 'dark.json'), 'utf8');
    const dir = writeTree({ 'ops.json': dark.replace('"name": "dark"', '"name": "ops"'), 'broken.json': '{' });
    expect(selectTheme({ flag: join(dir, 'ops.json'), env: TTY_ENV, colorLevel: 1 }).theme.name).toBe('ops');
    expect(() => selectTheme({ config: join(dir, 'broken.json'), env: TTY_ENV, colorLevel: 1 })).toThrow(DocumentError);
    expect(() => selectTheme({ flag: 'nope', env: TTY_ENV, colorLevel: 1 })).toThrow('unknown theme "nope"');
  });

  it('NO_COLOR with any non-empty value forces no colour whatever was asked, and says so', () => {
    expect(selectTheme({ flag: 'light', env: { ...TTY_ENV, NO_COLOR: '1' }, colorLevel: 3 })).toEqual({
      theme: NO_COLOR_THEME,
      source: 'NO_COLOR',
      note: 'NO_COLOR is set: colours off (theme "light" not used)',
    });
    expect(selectTheme({ config: 'dark', env: { NO_COLOR: 'yes please' }, colorLevel: 1 }).theme).toBe(NO_COLOR_THEME);
    expect(selectTheme({ env: { NO_COLOR: '0' }, colorLevel: 1 })).toMatchObject({ source: 'NO_COLOR', note: 'NO_COLOR is set: colours off' });
    // An empty NO_COLOR is unset (no-color.org).
    expect(selectTheme({ env: { ...TTY_ENV, NO_COLOR: '' }, colorLevel: 2 }).theme.name).toBe('dark');
  });

  it('TERM=dumb and a colourless terminal force no colour too; a theme asked for must still exist', () => {
    expect(selectTheme({ flag: 'light', env: { TERM: 'dumb' }, colorLevel: 1 })).toEqual({
      theme: NO_COLOR_THEME,
      source: 'TERM=dumb',
      note: 'TERM is dumb: colours off (theme "light" not used)',
    });
    expect(() => selectTheme({ flag: '/nowhere/x.json', env: { TERM: 'dumb' }, colorLevel: 1 })).toThrow(/\/nowhere\/x\.json/);
    expect(selectTheme({ env: TTY_ENV, colorLevel: 0 })).toMatchObject({ theme: NO_COLOR_THEME, source: 'no-color-terminal', note: expect.stringMatching(/^the terminal shows no colour/) });
  });
});

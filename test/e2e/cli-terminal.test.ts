import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { startTmux } from '../helpers/tmux.js';
import { tempDir } from '../helpers/temp-files.js';

const launcher = fileURLToPath(new URL('../../bin/trustline.js', import.meta.url));

describe('a usage error reads the same with a terminal as without one', () => {
  it('demo --theme nosuch: the same one line and exit status 2 in tmux as through a pipe', async () => {
    const piped = runCli(['demo', '--theme', 'nosuch']);
    expect(piped.status).toBe(2);
    const line = piped.stderr.trim();
    expect(line).toMatch(/nosuch/);
    const state = tempDir();
    const tmux = startTmux({ command: [process.execPath, launcher, 'demo', '--theme', 'nosuch'], cols: 100, rows: 30, env: { XDG_STATE_HOME: state, XDG_CONFIG_HOME: state } });
    expect(await tmux.waitForExit(20_000)).toBe(2);
    // The terminal wraps the line at its width: read the screen as one run of text.
    expect(tmux.capture().replace(/\n/g, '')).toContain(line);
  });
});

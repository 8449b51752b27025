import { describe, expect, it } from 'vitest';
import { startTmux } from '../helpers/tmux.js';

// The harness itself: exact size, the child's environment, keys, resize, timeouts, exit status.
describe('startTmux', () => {
  it('runs the program at exactly cols x rows with CI=false and TERM=xterm-256color, even when the tests run under CI=true', async () => {
    const tmux = startTmux({ command: ['/bin/sh', '-c', 'echo "CI=$CI TERM=$TERM NO_COLOR=${NO_COLOR-unset} EXTRA=$EXTRA"; stty size'], cols: 80, rows: 24, env: { EXTRA: 'yes' } });
    expect(await tmux.waitForExit()).toBe(0);
    expect(tmux.capture()).toContain('CI=false TERM=xterm-256color NO_COLOR=unset EXTRA=yes\n24 80');
    expect(tmux.size()).toEqual({ cols: 80, rows: 24 });
  });

  it('types key names and literal text, follows a resize, and reports a timeout with the screen', async () => {
    const tmux = startTmux({ command: ['/bin/sh', '-c', 'stty -echo; while read -r line; do echo "got [$line] $(stty size)"; done'], cols: 120, rows: 40 });
    tmux.sendText('Enter');
    tmux.sendKeys('Enter');
    expect(await tmux.waitFor('got [Enter] 40 120')).toContain('got [Enter]');
    tmux.resize(100, 30);
    expect(tmux.size()).toEqual({ cols: 100, rows: 30 });
    tmux.sendKeys('again', 'Enter');
    await tmux.waitFor(/got \[again\] 30 100/);
    await expect(tmux.waitFor('never shown', 100)).rejects.toThrow(/timed out after 100 ms waiting for never shown on the screen; the screen:\n[\s\S]*got \[Enter\]/);
    tmux.sendKeys('C-c');
    expect(await tmux.waitForExit()).toBe(130);
    tmux.kill();
    tmux.kill();
  });
});

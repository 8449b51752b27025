import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ENTER_FULLSCREEN,
  MOUSE_OFF,
  RESTORE_TERMINAL,
  enterFullscreen,
  installRestoreHandlers,
  isFullscreen,
  restoreTerminal,
} from '../../src/terminal/screen.js';
import { tempDir } from '../helpers/temp-files.js';

describe('the full-screen sequences', () => {
  it('enter the alternate screen, hide the cursor and switch every mouse mode off', () => {
    expect(ENTER_FULLSCREEN).toBe('\x1b[?1049h\x1b[?25l\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l');
  });

  it('restore undoes each of them: cursor shown, alternate screen left, attributes reset, mouse off', () => {
    expect(RESTORE_TERMINAL).toContain('\x1b[?25h');
    expect(RESTORE_TERMINAL).toContain('\x1b[0m');
    expect(RESTORE_TERMINAL).toContain(MOUSE_OFF);
    expect(RESTORE_TERMINAL.endsWith('\x1b[?1049l')).toBe(true);
  });

  it('never clear the terminal or its scrollback', () => {
    for (const sequence of [ENTER_FULLSCREEN, RESTORE_TERMINAL]) {
      expect(sequence).not.toMatch(/\x1b\[[0-3]?J|\x1bc/);
    }
  });
});

describe('enterFullscreen and restoreTerminal', () => {
  it('write synchronously to the fd, and restoring twice writes once', () => {
    const file = join(tempDir(), 'tty');
    const fd = openSync(file, 'w');
    try {
      expect(restoreTerminal()).toBe(false); // nothing to undo yet
      enterFullscreen({ fd, write: () => expect.fail('the fd is written, not the stream') });
      expect(isFullscreen()).toBe(true);
      expect(restoreTerminal()).toBe(true);
      expect(restoreTerminal()).toBe(false);
      expect(isFullscreen()).toBe(false);
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(file, 'utf8')).toBe(ENTER_FULLSCREEN + RESTORE_TERMINAL);
  });

  it('use the stream when it has no fd, and ignore a terminal that has gone away', () => {
    const written: string[] = [];
    enterFullscreen({ write: (chunk) => written.push(chunk) });
    expect(restoreTerminal()).toBe(true);
    expect(written).toEqual([ENTER_FULLSCREEN, RESTORE_TERMINAL]);
    const fd = openSync(join(tempDir(), 'gone'), 'w');
    enterFullscreen({ fd, write: () => true });
    closeSync(fd); // EBADF on restore: swallowed, it runs in exit and crash paths
    expect(restoreTerminal()).toBe(true);
  });
});

describe('installRestoreHandlers', () => {
  const EVENTS = ['exit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'uncaughtException', 'unhandledRejection'] as const;

  it('listens for exit, the three signals and both kinds of crash, and the disposer removes exactly those', () => {
    const before = EVENTS.map((e) => process.listenerCount(e));
    const dispose = installRestoreHandlers();
    expect(EVENTS.map((e) => process.listenerCount(e))).toEqual(before.map((n) => n + 1));
    dispose();
    dispose();
    expect(EVENTS.map((e) => process.listenerCount(e))).toEqual(before);
  });

  it('restores on the exit event', () => {
    const written: string[] = [];
    const dispose = installRestoreHandlers();
    try {
      enterFullscreen({ write: (chunk) => written.push(chunk) });
      process.listeners('exit').at(-1)?.call(process, 0);
      expect(written).toEqual([ENTER_FULLSCREEN, RESTORE_TERMINAL]);
      expect(isFullscreen()).toBe(false);
    } finally {
      dispose();
    }
  });
});

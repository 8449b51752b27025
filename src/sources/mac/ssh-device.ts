import { collectDevice } from './ssh/collect.js';
import { openSshTransport, type SshOptions } from './ssh/ssh-transport.js';
import type { DeviceCaptureResult, DeviceSourceRunner } from './live.js';

/** `log show --last` wants a duration counted back from the Mac's now; whole minutes covering the window. */
export function logWindow(sinceMs: number, untilMs: number, nowMs: number): string {
  const minutes = Math.ceil((Math.max(untilMs, nowMs) - sinceMs) / 60_000);
  return `${Math.min(Math.max(minutes, 1), 7 * 24 * 60)}m`;
}

/** The Mac's side over SSH: the allow-listed probes and log reads, one shared connection. */
export function sshDevice(ssh: SshOptions, window: { sinceMs: number; untilMs: number }): DeviceSourceRunner {
  return {
    async run(signal, collectedAt): Promise<DeviceCaptureResult> {
      const transport = await openSshTransport(ssh);
      try {
        return await collectDevice(transport, { since: logWindow(window.sinceMs, window.untilMs, Date.now()), signal, onCollectedAt: collectedAt });
      } finally {
        await transport.close();
      }
    },
  };
}

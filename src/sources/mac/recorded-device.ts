import { readTextFile } from '../../io/bounded-file.js';
import { MAX_PROBE_BYTES } from './probes/index.js';
import { readBundleLayout } from '../bundle/layout.js';
import { SSH_DEFAULTS } from './ssh/ssh-transport.js';
import type { DeviceCaptureResult, DeviceSourceRunner } from '../live/run-live.js';

/**
 * The Mac's side from recorded outputs (a bundle's device/ folder): what the demo plays back in place
 * of an SSH session. The collection time is the recording's.
 */
export function recordedDevice(bundleDir: string, collectedAtMs: number): DeviceSourceRunner {
  return {
    async run(_signal, collectedAt): Promise<DeviceCaptureResult> {
      collectedAt(collectedAtMs);
      const layout = await readBundleLayout(bundleDir);
      const logs = await Promise.all(layout.device.logs.map(async (f) => ({ rel: f.rel, text: await readTextFile(f.path, SSH_DEFAULTS.maxOutputBytes) })));
      const probes = await Promise.all(
        layout.device.probes.map(async (f) => ({ name: f.name, rel: f.rel, text: await readTextFile(f.path, MAX_PROBE_BYTES) })),
      );
      return { logs, probes, collectedAtMs, notes: [] };
    },
  };
}

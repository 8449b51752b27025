import type { DeviceCaptureResult, DeviceSourceRunner } from './live.js';
import { recordedOutputs } from './recorded-outputs.js';

/**
 * The Mac's side from recorded outputs (a bundle's device/ folder): what the demo plays back in place
 * of an SSH session. The collection time is the recording's.
 */
export function recordedDevice(bundleDir: string, collectedAtMs: number): DeviceSourceRunner {
  return {
    async run(_signal, collectedAt): Promise<DeviceCaptureResult> {
      collectedAt(collectedAtMs);
      return { ...(await recordedOutputs(bundleDir)), collectedAtMs, notes: [] };
    },
  };
}

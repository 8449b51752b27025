import { readConfig, type Config } from '../config/config-file.js';
import { loadDiagnosisModel } from '../config/diagnosis-packs.js';
import type { ActiveModel } from '../diagnosis/rank-analysis.js';

export interface PackFlags {
  rules?: string | undefined;
  window?: string | undefined;
}

/** Config and packs are checked before any evidence is read: a bad pack changes nothing. */
export async function activeModel(flags: PackFlags, config?: Config): Promise<ActiveModel> {
  const cfg = config ?? (await readConfig());
  return await loadDiagnosisModel({ rulesDir: flags.rules ?? cfg.rules, window: flags.window ?? cfg.window });
}

import type { Verdict } from '../../model/analysis.js';
import type { Severity } from '../../model/event.js';

/** Text markers: meaning never rests on colour alone. */
export const SEVERITY_MARK: Record<Severity, string> = { error: 'E', warn: 'W', info: '·' };
export const VERDICT_LABEL: Record<Verdict, string> = { likely: 'LIKELY', possible: 'possible', unlikely: 'unlikely' };

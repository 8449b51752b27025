import type { Verdict } from '../../model/analysis.js';
import type { Severity, SourceName } from '../../model/event.js';

/** Text markers: meaning never rests on colour alone. */
export const SOURCE_LETTER: Record<SourceName, string> = { jamf: 'J', okta: 'O', device: 'D' };
export const SEVERITY_MARK: Record<Severity, string> = { error: 'E', warn: 'W', info: '·' };
export const VERDICT_LABEL: Record<Verdict, string> = { likely: 'LIKELY', possible: 'possible', unlikely: 'unlikely' };

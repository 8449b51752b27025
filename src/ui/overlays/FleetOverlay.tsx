import { fleetLines, type FleetTone } from '../../store/selectors/fleet.js';
import { LinesPane } from '../components/LinesPane.js';
import type { Segment } from '../components/Row.js';
import type { Rect } from '../layout.js';
import { useConsole } from '../store-context.js';
import type { ThemeToken } from '../theme/types.js';

const TOKEN: Record<FleetTone, ThemeToken> = { title: 'accent', text: 'text', muted: 'muted', lead: 'severity.error', warn: 'severity.warn' };

/** The Fleet view: the organisation's failure signatures over the same window and the changes before them. */
export function FleetOverlay({ rect, offset }: { rect: Rect; offset: number }) {
  const lines = useConsole((s) => fleetLines(s));
  const rows = Math.max(0, rect.height - 2);
  const shown = lines.slice(offset, offset + rows).map((line): Segment[] => line.map((part) => ({ text: part.text, token: TOKEN[part.tone], ...(part.tone === 'title' || part.tone === 'lead' ? { bold: true } : {}) })));
  const title = `Fleet ${Math.min(lines.length, offset + 1)}-${Math.min(lines.length, offset + rows)}/${lines.length} · j/k scroll · f or Esc close`;
  return <LinesPane title={title} rect={rect} lines={shown} />;
}

import { useMemo } from 'react';
import { readingNotes, type NoteLine } from '../../store/selectors/reading-notes.js';
import { LinesPane } from '../components/LinesPane.js';
import type { Segment } from '../components/Row.js';
import type { Rect } from '../layout.js';
import { useConsole } from '../store-context.js';

const TOKEN: Record<NoteLine['kind'], Segment['token']> = { heading: 'accent', ok: 'status.ok', error: 'status.error', note: 'text' };

/** Each source's state and reason, its time coverage and the reading notes, scrolled by `offset`. */
export function NotesOverlay({ rect, offset }: { rect: Rect; offset: number }) {
  const analysis = useConsole((s) => s.analysis);
  const sourceStates = useConsole((s) => s.sourceStates);
  const lines = useMemo(() => readingNotes({ analysis, sourceStates }), [analysis, sourceStates]);
  const shown = lines.slice(offset).map((l): Segment[] => [{ text: l.kind === 'heading' ? l.text : `  ${l.text}`, token: TOKEN[l.kind], bold: l.kind === 'heading' }]);
  return <LinesPane title="Sources and reading notes · j/k scroll · Esc close" rect={rect} lines={shown} />;
}

import { useMemo } from 'react';
import { eventAt } from '../../store/event-ref.js';
import { eventDetailLines } from '../../store/selectors/detail.js';
import type { EventRef } from '../../store/types.js';
import { LinesPane } from '../components/LinesPane.js';
import type { Segment } from '../components/Row.js';
import type { Rect } from '../layout.js';
import { useConsole } from '../store-context.js';
import { cellWidth, padCells, wrapCells } from '../text/cells.js';
import { safeLine } from '../../text/boundary.js';

/** Every line of an event: its raw record reference and all fields, sanitised, values wrapped; scrolled by `offset` items. */
export function EventDetail({ rect, eventRef, offset }: { rect: Rect; eventRef: EventRef; offset: number }) {
  const timeline = useConsole((s) => s.analysis.timeline);
  const mode = useConsole((s) => s.timeMode);
  const zones = useConsole((s) => s.zones);
  const width = Math.max(0, rect.width - 2);
  const lines = useMemo(() => {
    const e = eventAt(timeline, eventRef);
    if (!e) return [[{ text: 'the event is no longer in the timeline', token: 'muted' as const }]];
    const all = eventDetailLines(e, mode, zones).map(({ label, value }) => ({ label: safeLine(label), value: safeLine(value, 4000) }));
    // One column as wide as the longest name, up to a third of the pane; a longer name gets a row of its own.
    const labelWidth = Math.min(Math.max(...all.map((l) => cellWidth(l.label))), Math.floor(width / 3));
    return all.slice(offset).flatMap(({ label, value }) => {
      const own = cellWidth(label) > labelWidth;
      const parts = wrapCells(value, Math.max(1, width - labelWidth - 1));
      const values = (parts.length > 0 ? parts : ['']).map((part, i): Segment[] => [
        { text: padCells(i === 0 && !own ? label : '', labelWidth + 1), token: 'accent' },
        { text: part, token: 'text' },
      ]);
      return own ? [...wrapCells(label, Math.max(1, width)).map((part): Segment[] => [{ text: part, token: 'accent' }]), ...values] : values;
    });
  }, [timeline, eventRef, mode, zones, offset, width]);
  return <LinesPane title="Event detail · j/k scroll · z zone · Esc close" rect={rect} lines={lines} />;
}

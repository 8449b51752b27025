import { useMemo } from 'react';
import { eventAt } from '../../store/event-ref.js';
import { eventDetailLines } from '../../store/selectors/detail.js';
import type { EventRef } from '../../store/types.js';
import { LinesPane } from '../components/LinesPane.js';
import type { Segment } from '../components/Row.js';
import type { Rect } from '../layout.js';
import { useConsole } from '../store-context.js';
import { wrapCells } from '../text/cells.js';
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
    const items = eventDetailLines(e, mode, zones).slice(offset);
    const labelWidth = Math.min(14, Math.floor(width / 3));
    return items.flatMap(({ label, value }) =>
      wrapCells(safeLine(value, 4000), Math.max(1, width - labelWidth - 1)).map(
        (part, i): Segment[] => [{ text: (i === 0 ? label : '').padEnd(labelWidth + 1), token: 'accent' }, { text: part, token: 'text' }],
      ),
    );
  }, [timeline, eventRef, mode, zones, offset, width]);
  return <LinesPane title="Event detail · j/k scroll · z zone · Esc close" rect={rect} lines={lines} />;
}

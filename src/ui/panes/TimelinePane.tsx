import { Box } from 'ink';
import { memo, useMemo } from 'react';
import type { TimelineEvent } from '../../model/event.js';
import { hitsBetween, searchHits } from '../../store/selectors/search.js';
import { rowTime } from '../../store/selectors/time-format.js';
import type { SourceSummary } from '../../model/analysis.js';
import { markOf, sourceMarks, type SourceMark } from '../../store/selectors/sources.js';
import { filtersActive, showsYear, sourceShown, timelineWindow } from '../../store/selectors/timeline.js';
import type { Filters } from '../../store/types.js';
import { Pane } from '../components/Pane.js';
import { Row, type Segment } from '../components/Row.js';
import type { Rect } from '../layout.js';
import { useConsole } from '../store-context.js';
import { SEVERITY_MARK } from './markers.js';

interface EventRowProps {
  event: TimelineEvent;
  /** The date part of the time: shown on the first row and where the day changes, blank below it. */
  date: string;
  showDate: boolean;
  time: string;
  width: number;
  selected: boolean;
  hit: boolean;
  adjusted: boolean;
  mark: SourceMark;
}

/** One event: cursor/match marker, date where the day changes, time (`Z` for UTC; `~` after it when clock-corrected), source letter, severity, summary. */
export const EventRow = memo(function EventRow({ event: e, date, showDate, time, width, selected, hit, adjusted, mark }: EventRowProps) {
  const segments: Segment[] = [
    { text: selected ? '>' : hit ? '*' : ' ', token: 'search.match', bold: true },
    { text: `${showDate ? date : ' '.repeat(date.length)} ${time}`, token: adjusted ? 'time.adjusted' : 'muted' },
    { text: adjusted ? '~' : ' ', token: 'time.adjusted' },
    { text: mark.letter, token: mark.token, bold: true },
    { text: ' ' },
    { text: SEVERITY_MARK[e.severity], token: `severity.${e.severity}`, bold: e.severity === 'error' },
    { text: ' ' },
    { text: e.summary, token: e.severity === 'info' ? 'text' : `severity.${e.severity}` },
  ];
  return <Row segments={segments} width={width} selected={selected} />;
});

export function timelineTitle(total: number, cursor: number, filters: Filters, query: string, hits: number, sources: readonly SourceSummary[]): string {
  const src = sources.map((s) => (sourceShown(filters, s.name) ? s.letter : '-')).join('');
  const filter = filtersActive({ ...filters, matching: '' }) ? ` · ${src} ≥${filters.minSeverity}` : '';
  // Showing only matches, every row is one: the count is the total.
  const search = filters.matching ? ` · only /${filters.matching}/` : query !== '' ? ` · /${query} ${hits}` : '';
  return `Timeline ${total === 0 ? 0 : cursor + 1}/${total}${filter}${search}`;
}

/** The merged timeline, windowed: only the rows on screen are built, whatever the timeline's length. */
export function TimelinePane({ rect, focused }: { rect: Rect; focused: boolean }) {
  const analysis = useConsole((s) => s.analysis);
  const filters = useConsole((s) => s.filters);
  const cursor = useConsole((s) => s.cursor);
  const top = useConsole((s) => s.top);
  const search = useConsole((s) => s.search);
  const mode = useConsole((s) => s.timeMode);
  const zones = useConsole((s) => s.zones);
  const withYear = useConsole(showsYear);
  const rows = Math.max(0, rect.height - 2);
  const width = Math.max(0, rect.width - 2);
  const win = useMemo(() => timelineWindow({ analysis, filters, cursor, top }, rows), [analysis, filters, cursor, top, rows]);
  const hits = useMemo(() => searchHits({ analysis, filters, search }), [analysis, filters, search]);
  const hitRows = useMemo(() => hitsBetween(hits, win.start, win.start + win.rows.length), [hits, win.start, win.rows.length]);
  const times = useMemo(() => win.rows.map((e) => rowTime(e.epochMs, mode, zones, withYear)), [win.rows, mode, zones, withYear]);
  const adjusted = analysis.clock.applied;
  const marks = sourceMarks(analysis.sources);
  return (
    <Pane title={timelineTitle(win.total, win.cursor, filters, search.query, hits.length, analysis.sources)} width={rect.width} height={rect.height} focused={focused}>
      <Box flexDirection="column">
        {win.total === 0 ? <Row segments={[{ text: `no events (check the filters: 1-${analysis.sources.length}, v${filters.matching ? ', m shows more than the matches' : ''})`, token: 'muted' }]} width={width} /> : null}
        {win.rows.map((e, i) => (
          <EventRow
            key={e.id}
            event={e}
            date={times[i]!.date}
            showDate={i === 0 || times[i]!.date !== times[i - 1]!.date}
            time={times[i]!.time}
            width={width}
            selected={win.start + i === win.cursor}
            hit={hitRows.has(win.start + i)}
            adjusted={adjusted && e.deviceClock === true}
            mark={markOf(marks, e.source)}
          />
        ))}
      </Box>
    </Pane>
  );
}

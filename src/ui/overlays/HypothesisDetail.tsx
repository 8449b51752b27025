import { useMemo } from 'react';
import { hypothesisEvidence } from '../../store/selectors/detail.js';
import { rowTime } from '../../store/selectors/time-format.js';
import { showsYear, windowStart } from '../../store/selectors/timeline.js';
import { LinesPane } from '../components/LinesPane.js';
import type { Segment } from '../components/Row.js';
import type { Rect } from '../layout.js';
import { markOf, sourceMarks } from '../../store/selectors/sources.js';
import { SEVERITY_MARK, VERDICT_LABEL } from '../panes/markers.js';
import { useConsole } from '../store-context.js';
import { wrapAtMost } from '../text/clip.js';
import { safeLine } from '../../text/boundary.js';

/** A hypothesis' story and its evidence: `+` supports, `-` contradicts, with why; Enter jumps to the event. */
export function HypothesisDetail({ rect, hypothesisId, line }: { rect: Rect; hypothesisId: string; line: number }) {
  const analysis = useConsole((s) => s.analysis);
  const mode = useConsole((s) => s.timeMode);
  const zones = useConsole((s) => s.zones);
  const withYear = useConsole(showsYear);
  const width = Math.max(0, rect.width - 2);
  const rows = Math.max(0, rect.height - 2);
  const h = analysis.hypotheses.find((x) => x.id === hypothesisId);
  const evidence = useMemo(() => hypothesisEvidence({ analysis }, hypothesisId), [analysis, hypothesisId]);
  if (!h) return null;
  const story = wrapAtMost(safeLine(h.explanation), width, Math.max(1, Math.floor(rows / 4)));
  const head: Segment[][] = [
    [{ text: `${VERDICT_LABEL[h.verdict]} `, token: `verdict.${h.verdict}`, bold: true }, { text: `${h.score.toFixed(2)} `, token: 'muted' }, { text: h.title, token: 'text', bold: true }],
    ...story.map((t) => [{ text: t, token: 'muted' as const }]),
    [{ text: `Evidence (${evidence.length}) · Enter jumps to the event`, token: 'accent' }],
  ];
  const unknown = h.unknown.map((u): Segment[] => [{ text: `? still unknown: ${u}`, token: 'muted' }]);
  const listRows = Math.max(1, rows - head.length - Math.min(unknown.length, 2));
  const start = windowStart(evidence.length, line, 0, listRows);
  const list = evidence.slice(start, start + listRows).map((x, i): Segment[] => {
    const e = x.event;
    const t = e ? rowTime(e.epochMs, mode, zones, withYear) : undefined;
    const where = e && t ? `${t.date} ${t.time} ${markOf(sourceMarks(analysis.sources), e.source).letter} ${SEVERITY_MARK[e.severity]} ${e.summary}` : x.eventId;
    return [{ text: `${start + i === line ? '>' : ' '}${x.supports ? '+' : '-'} `, token: x.supports ? 'verdict.likely' : 'verdict.unlikely', bold: true }, { text: `${where} — `, token: 'text' }, { text: x.why, token: 'muted' }];
  });
  const title = 'Hypothesis evidence · j/k choose · Enter jump · Esc close';
  return <LinesPane title={title} rect={rect} lines={[...head, ...list, ...unknown]} selected={head.length + line - start} />;
}

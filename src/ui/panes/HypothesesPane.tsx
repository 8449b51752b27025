import { Box } from 'ink';
import { memo, useMemo } from 'react';
import type { Hypothesis } from '../../model/analysis.js';
import { evidenceCounts, selectedHypothesisIndex } from '../../store/selectors/hypotheses.js';
import { windowStart } from '../../store/selectors/timeline.js';
import { Pane } from '../components/Pane.js';
import { Row, type Segment } from '../components/Row.js';
import type { Rect } from '../layout.js';
import { useConsole } from '../store-context.js';
import { VERDICT_LABEL } from './markers.js';
import { titleFor } from '../short-titles.js';
import { cellWidth } from '../text/cells.js';

export function scoreBar(score: number, cells: number): [string, string] {
  const full = Math.round(Math.max(0, Math.min(1, score)) * cells);
  return ['█'.repeat(full), '░'.repeat(cells - full)];
}

/**
 * Rank, score bar (wide panes), score, verdict (as a word), evidence counts (+supports -contradicts
 * ?unknown), title: the full title when it fits, else its short form.
 */
export const HypothesisRow = memo(function HypothesisRow({ h, rank, width, selected }: { h: Hypothesis; rank: number; width: number; selected: boolean }) {
  const c = evidenceCounts(h);
  const wide = width >= 56;
  const [on, off] = scoreBar(h.score, 10);
  const head: Segment[] = [
    { text: `${selected ? '>' : ' '}${String(rank).padStart(2)} `, bold: selected },
    ...(wide ? [{ text: on, token: 'score.bar' as const }, { text: off, token: 'score.empty' as const }, { text: ` ${h.score.toFixed(2)} ` }] : []),
    { text: VERDICT_LABEL[h.verdict].padEnd(wide ? 9 : 8), token: `verdict.${h.verdict}`, bold: h.verdict === 'likely' },
    { text: wide ? `+${c.supports} -${c.contradicts} ?${c.unknown} ` : ` +${c.supports}-${c.contradicts}?${c.unknown} `, token: 'muted' },
  ];
  const room = width - head.reduce((n, seg) => n + cellWidth(seg.text), 0);
  return <Row segments={[...head, { text: titleFor(h.id, h.title, room, cellWidth), token: 'text' }]} width={width} selected={selected} />;
});

/** The ranked hypotheses, windowed around the selection. */
export function HypothesesPane({ rect, focused }: { rect: Rect; focused: boolean }) {
  const analysis = useConsole((s) => s.analysis);
  const selectedId = useConsole((s) => s.selectedHypothesis);
  // Ranked on partial evidence while a source still loads: the title says so.
  const loading = useConsole((s) => Object.values(s.sourceStates).some((l) => l.state === 'loading'));
  // A long ranking runs between keys: until it ends, the previous ranking (or none) is shown.
  const ranking = useConsole((s) => s.ranking === 'ranking');
  const rows = Math.max(0, rect.height - 2);
  const width = Math.max(0, rect.width - 2);
  const list = analysis.hypotheses;
  const selected = useMemo(() => selectedHypothesisIndex({ analysis, selectedHypothesis: selectedId }), [analysis, selectedId]);
  const start = windowStart(list.length, selected, 0, rows);
  return (
    <Pane title={`Hypotheses ${selected + 1}/${list.length}${ranking ? ' · ranking…' : loading ? ' · provisional: sources loading' : ''}`} width={rect.width} height={rect.height} focused={focused}>
      <Box flexDirection="column">
        {list.slice(start, start + rows).map((h, i) => (
          <HypothesisRow key={h.id} h={h} rank={start + i + 1} width={width} selected={start + i === selected} />
        ))}
      </Box>
    </Pane>
  );
}

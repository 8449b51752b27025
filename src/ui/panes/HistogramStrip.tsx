import { useMemo } from 'react';
import { bucketOf, histogram, worstSeverity, type Bucket } from '../../store/selectors/histogram.js';
import { cursorEvent, visibleTimeline } from '../../store/selectors/timeline.js';
import type { Theme } from '../theme/types.js';
import { Row, type Segment } from '../components/Row.js';
import { useConsole } from '../store-context.js';
import { useTheme } from '../theme-context.js';

const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const LABEL = 'events ';

/** One cell per bucket: height by count, colour by the worst severity, and `!`/`+` for errors/warnings without colour. */
export function bucketCell(b: Bucket, max: number, theme: Theme): Segment {
  const total = b.info + b.warn + b.error;
  const worst = worstSeverity(b);
  if (!worst) return { text: ' ' };
  if (!theme.color && worst !== 'info') return { text: worst === 'error' ? '!' : '+' };
  const level = Math.min(BLOCKS.length - 1, Math.floor((total / Math.max(1, max)) * (BLOCKS.length - 1) + 0.5));
  return { text: BLOCKS[level]!, token: `histogram.${worst}` };
}

/** Events over the visible timeline's range, by severity; `┃` marks the bucket the cursor is in. */
export function HistogramStrip({ width }: { width: number }) {
  const theme = useTheme();
  const analysis = useConsole((s) => s.analysis);
  const filters = useConsole((s) => s.filters);
  const cursor = useConsole((s) => s.cursor);
  const cells = Math.max(0, width - LABEL.length);
  const h = useMemo(() => histogram(visibleTimeline({ analysis, filters }), cells), [analysis, filters, cells]);
  const at = useMemo(() => {
    const e = cursorEvent({ analysis, filters, cursor });
    return e ? bucketOf(h, e.epochMs) : -1;
  }, [analysis, filters, cursor, h]);
  const segments = useMemo(
    () => [{ text: LABEL, token: 'muted' as const }, ...h.buckets.map((b, i) => (i === at ? { text: '┃', token: 'accent' as const, bold: true } : bucketCell(b, h.max, theme)))],
    [h, at, theme],
  );
  return <Row segments={segments} width={width} />;
}

import { Box } from 'ink';
import type { Rect } from '../layout.js';
import { Pane } from './Pane.js';
import { Row, type Segment } from './Row.js';

export interface LinesPaneProps {
  title: string;
  rect: Rect;
  /** One entry per row; rows past the pane's height are not drawn. */
  lines: readonly (readonly Segment[])[];
  focused?: boolean;
  /** The index of the selected row, drawn in the selection style. */
  selected?: number;
}

/** A pane of prepared rows: the shape of every overlay and of the runbook. */
export function LinesPane({ title, rect, lines, focused = true, selected }: LinesPaneProps) {
  const width = Math.max(0, rect.width - 2);
  const rows = Math.max(0, rect.height - 2);
  return (
    <Pane title={title} width={rect.width} height={rect.height} focused={focused}>
      <Box flexDirection="column">
        {lines.slice(0, rows).map((segments, i) => (
          <Row key={i} segments={segments} width={width} selected={i === selected} />
        ))}
      </Box>
    </Pane>
  );
}

import { Box } from 'ink';
import type { Rect } from '../layout.js';
import { Pane } from './Pane.js';
import { Row, type Segment } from './Row.js';

export interface LinesPaneProps {
  title: string;
  rect: Rect;
  /** One entry per row; rows past the pane's height are replaced by a count of them. */
  lines: readonly (readonly Segment[])[];
  focused?: boolean;
  /** The index of the selected row, drawn in the selection style. */
  selected?: number;
}

/** The last row of a pane whose lines do not all fit: how many are left out. */
function moreLine(count: number): Segment[] {
  return [{ text: `… ${count} more line${count === 1 ? '' : 's'}`, token: 'muted' }];
}

/** A pane of prepared rows (when they do not all fit, the last row says how many are left out): the shape of every overlay and of the runbook. */
export function LinesPane({ title, rect, lines, focused = true, selected }: LinesPaneProps) {
  const width = Math.max(0, rect.width - 2);
  const rows = Math.max(0, rect.height - 2);
  const shown = lines.length > rows ? [...lines.slice(0, rows - 1), moreLine(lines.length - rows + 1)].slice(0, rows) : lines;
  return (
    <Pane title={title} width={rect.width} height={rect.height} focused={focused}>
      <Box flexDirection="column">
        {shown.map((segments, i) => (
          <Row key={i} segments={segments} width={width} selected={i === selected} />
        ))}
      </Box>
    </Pane>
  );
}

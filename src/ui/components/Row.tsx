import { Text } from 'ink';
import { memo } from 'react';
import { safeLine } from '../../text/boundary.js';
import { tokenColor, useTheme } from '../theme-context.js';
import type { ThemeToken } from '../theme/types.js';
import { cellWidth } from '../text/cells.js';
import { cutCells } from '../text/clip.js';

export interface Segment {
  text: string;
  token?: ThemeToken;
  bold?: boolean;
  dim?: boolean;
}

/**
 * Sanitises every segment and cuts the row to `width` cells, padded to exactly `width`. A row that does
 * not fit ends in `…` (in the style of the segment it cuts), so no cut is silent.
 */
export function fitSegments(segments: readonly Segment[], width: number): Segment[] {
  const clean = segments.map((seg) => ({ ...seg, text: safeLine(seg.text) }));
  const total = clean.reduce((n, seg) => n + cellWidth(seg.text), 0);
  const out: Segment[] = [];
  let used = 0;
  if (total <= width) {
    out.push(...clean);
    used = total;
  } else if (width > 0) {
    const room = width - 1;
    for (const seg of clean) {
      const w = cellWidth(seg.text);
      if (used + w <= room) {
        out.push(seg);
        used += w;
        continue;
      }
      const part = cutCells(seg.text, room - used);
      out.push({ ...seg, text: `${part}…` });
      used += cellWidth(part) + 1;
      break;
    }
  }
  if (used < width) out.push({ text: ' '.repeat(width - used) });
  return out;
}

export interface RowProps {
  segments: readonly Segment[];
  width: number;
  /** The selected row: the theme's selection colours, or inverse video without colour. */
  selected?: boolean;
}

/** One terminal line: external text sanitised, never wider than `width`. */
export const Row = memo(function Row({ segments, width, selected = false }: RowProps) {
  const theme = useTheme();
  const bg = selected ? tokenColor(theme, 'selection.bg') : undefined;
  const fg = selected ? tokenColor(theme, 'selection.fg') : undefined;
  return (
    <Text wrap="truncate-end" inverse={selected && bg === undefined} {...(bg ? { backgroundColor: bg } : {})}>
      {fitSegments(segments, width).map((s, i) => (
        <Text key={i} color={fg ?? tokenColor(theme, s.token)} bold={s.bold ?? false} dimColor={s.dim ?? false}>
          {s.text}
        </Text>
      ))}
    </Text>
  );
});

export function Line({ text, width, token, bold }: { text: string; width: number; token?: ThemeToken; bold?: boolean }) {
  const seg: Segment = { text, ...(token ? { token } : {}), ...(bold ? { bold } : {}) };
  return <Row segments={[seg]} width={width} />;
}

import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { safeLine } from '../../text/boundary.js';
import { tokenColor, useTheme } from '../theme-context.js';
import { cellWidth, fitCells } from '../text/cells.js';

export interface PaneProps {
  title: string;
  width: number;
  height: number;
  focused: boolean;
  children: ReactNode;
}

/**
 * A bordered pane with its title in the top border. The focused pane has a double border, a `▶`
 * before its title and the focus colour, so focus shows without colour too. Content gets
 * (width - 2) × (height - 2) cells.
 */
export function Pane({ title, width, height, focused, children }: PaneProps) {
  const theme = useTheme();
  if (width < 4 || height < 3) return null;
  const color = tokenColor(theme, focused ? 'border.focus' : 'border');
  const [tl, h, tr] = focused ? ['╔', '═', '╗'] : ['╭', '─', '╮'];
  const label = fitCells(` ${focused ? '▶ ' : ''}${safeLine(title)} `, width - 4);
  const top = `${tl}${h}${label}${h.repeat(Math.max(0, width - 3 - cellWidth(label)))}${tr}`;
  return (
    <Box flexDirection="column" width={width} height={height} flexShrink={0}>
      <Text color={color} bold={focused} wrap="truncate-end">
        {top}
      </Text>
      {/* Keyed by focus: Ink applies only the changed styles, and a new borderStyle alone sets the top
          border's width again (ignoring borderTop={false}), which pushed the first row under the frame. */}
      <Box
        key={focused ? 'focused' : 'unfocused'}
        borderStyle={focused ? 'double' : 'round'}
        borderTop={false}
        borderColor={color}
        flexDirection="column"
        width={width}
        height={height - 1}
        overflowY="hidden"
      >
        {children}
      </Box>
    </Box>
  );
}

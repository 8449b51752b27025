import { Box, useInput, type Key } from 'ink';
import { useCallback, useEffect, useMemo } from 'react';
import type { ConsoleStore } from '../store/create-console-store.js';
import { keyScope } from '../store/scope.js';
import { fleetHeadline } from '../store/selectors/fleet.js';
import { Body } from './Body.js';
import { bindingFor, keyNames } from './keys.js';
import { computeLayout, contentRows } from './layout.js';
import { Header } from './panes/Header.js';
import { HintBar } from './panes/HintBar.js';
import { HistogramStrip } from './panes/HistogramStrip.js';
import { StoreProvider, useConsole, useConsoleStore } from './store-context.js';
import { ThemeProvider } from './theme-context.js';
import type { Theme } from './theme/types.js';

export interface AppProps {
  store: ConsoleStore;
  theme: Theme;
  /** The terminal's size; the frame is at most rows - 1 lines of at most `columns` cells. */
  columns: number;
  rows: number;
  /** Copies text for the user (OSC 52 in the terminal layer). */
  clipboard: (text: string) => void;
  onQuit: () => void;
  /** Ctrl-Z: stop until `fg` (absent: the key does nothing). */
  onSuspend?: (() => void) | undefined;
}

type ConsoleProps = Omit<AppProps, 'store' | 'theme'>;

function Console({ columns, rows, clipboard, onQuit, onSuspend }: ConsoleProps) {
  const store = useConsoleStore();
  const fleetLine = useConsole((s) => fleetHeadline(s) !== null);
  const layout = useMemo(() => computeLayout(columns, rows, fleetLine), [columns, rows, fleetLine]);
  useEffect(() => {
    store.getState().setTimelineRows(contentRows(layout.panes.timeline));
    store.getState().setOverlayRows(contentRows(layout.body));
  }, [store, layout]);
  // The one input handler: every key goes through the key table, each key of a read in turn.
  const onKey = useCallback(
    (input: string, key: Key) => {
      for (const name of keyNames(input, key)) {
        const s = store.getState();
        bindingFor(keyScope(s), name)?.action(s, { input: name, clipboard, onQuit, onSuspend });
      }
    },
    [store, clipboard, onQuit, onSuspend],
  );
  useInput(onKey);
  return (
    <Box flexDirection="column" width={layout.columns} height={layout.height} overflowY="hidden">
      <Header width={layout.columns} rows={layout.header} />
      {layout.histogram > 0 ? <HistogramStrip width={layout.columns} /> : null}
      <Body layout={layout} />
      {layout.hints > 0 ? <HintBar width={layout.columns} /> : null}
    </Box>
  );
}

/** The incident console: header, histogram, timeline, hypotheses, runbook and key hints, sized to the terminal. */
export function App({ store, theme, ...rest }: AppProps) {
  return (
    <ThemeProvider theme={theme}>
      <StoreProvider store={store}>
        <Console {...rest} />
      </StoreProvider>
    </ThemeProvider>
  );
}

import { createContext, useContext, type ReactNode } from 'react';
import { NO_COLOR_THEME, type Theme, type ThemeToken } from './theme/types.js';

const ThemeContext = createContext<Theme>(NO_COLOR_THEME);

export function ThemeProvider({ theme, children }: { theme: Theme; children: ReactNode }) {
  return <ThemeContext.Provider value={theme}>{children}</ThemeContext.Provider>;
}

export function useTheme(): Theme {
  return useContext(ThemeContext);
}

/** The colour of a token, or undefined (the terminal's default). */
export function tokenColor(theme: Theme, token: ThemeToken | undefined): string | undefined {
  return token === undefined ? undefined : theme.tokens[token];
}

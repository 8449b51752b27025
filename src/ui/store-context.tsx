import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { ConsoleStore } from '../store/create-console-store.js';
import type { ConsoleState } from '../store/types.js';

const StoreContext = createContext<ConsoleStore | undefined>(undefined);

export function StoreProvider({ store, children }: { store: ConsoleStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useConsoleStore(): ConsoleStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useConsole outside StoreProvider');
  return store;
}

/** One slice of the console state. The selector must return stored values (not new objects): derive with useMemo. */
export function useConsole<T>(selector: (s: ConsoleState) => T): T {
  return useStore(useConsoleStore(), selector);
}

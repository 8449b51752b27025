import type { ConsoleState, Pane } from './types.js';

/** Who has the keys: the search prompt, an overlay, the walkthrough, or the focused pane. */
export type Scope = Pane | 'search' | 'event' | 'hypothesis' | 'help' | 'confirm' | 'step' | 'notes' | 'guided' | 'fleet' | 'picker';

export function keyScope(s: Pick<ConsoleState, 'search' | 'overlay' | 'guided' | 'focus'>): Scope {
  if (s.search.draft !== undefined) return 'search';
  if (s.overlay) return s.overlay.kind;
  if (s.guided) return 'guided';
  return s.focus;
}

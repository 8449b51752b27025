import { Box } from 'ink';
import type { Pane } from '../store/types.js';
import type { Layout, Rect } from './layout.js';
import { ConfirmOverlay } from './overlays/ConfirmOverlay.js';
import { EventDetail } from './overlays/EventDetail.js';
import { FleetOverlay } from './overlays/FleetOverlay.js';
import { GuidedPane } from './overlays/GuidedPane.js';
import { HelpOverlay } from './overlays/HelpOverlay.js';
import { HypothesisDetail } from './overlays/HypothesisDetail.js';
import { NotesOverlay } from './overlays/NotesOverlay.js';
import { PickerOverlay } from './overlays/PickerOverlay.js';
import { StepDetail } from './overlays/StepDetail.js';
import { HypothesesPane } from './panes/HypothesesPane.js';
import { RunbookPane } from './panes/RunbookPane.js';
import { TimelinePane } from './panes/TimelinePane.js';
import { useConsole } from './store-context.js';

function PaneView({ pane, rect, focused }: { pane: Pane; rect: Rect; focused: boolean }) {
  if (pane === 'hypotheses') return <HypothesesPane rect={rect} focused={focused} />;
  if (pane === 'runbook') return <RunbookPane rect={rect} focused={focused} />;
  return <TimelinePane rect={rect} focused={focused} />;
}

/** The area under the header: an overlay, the walkthrough, the focused pane alone (small terminals) or all three. */
export function Body({ layout }: { layout: Layout }) {
  const overlay = useConsole((s) => s.overlay);
  const guided = useConsole((s) => s.guided);
  const focus = useConsole((s) => s.focus);
  const rect = layout.body;
  if (overlay?.kind === 'event') return <EventDetail rect={rect} eventRef={overlay.ref} offset={overlay.offset} />;
  if (overlay?.kind === 'hypothesis') return <HypothesisDetail rect={rect} hypothesisId={overlay.hypothesisId} line={overlay.line} />;
  if (overlay?.kind === 'help') return <HelpOverlay rect={rect} offset={overlay.offset} />;
  if (overlay?.kind === 'confirm') return <ConfirmOverlay rect={rect} stepKey={overlay.stepKey} />;
  if (overlay?.kind === 'notes') return <NotesOverlay rect={rect} offset={overlay.offset} />;
  if (overlay?.kind === 'picker') return <PickerOverlay rect={rect} cursor={overlay.cursor} />;
  if (overlay?.kind === 'step') return <StepDetail rect={rect} stepKey={overlay.stepKey} />;
  if (overlay?.kind === 'fleet') return <FleetOverlay rect={rect} offset={overlay.offset} />;
  if (guided) return <GuidedPane rect={rect} />;
  if (layout.single) return <PaneView pane={focus} rect={rect} focused />;
  return (
    <Box flexDirection="column" height={rect.height}>
      <PaneView pane="timeline" rect={layout.panes.timeline} focused={focus === 'timeline'} />
      <Box flexDirection="row">
        <PaneView pane="hypotheses" rect={layout.panes.hypotheses} focused={focus === 'hypotheses'} />
        <PaneView pane="runbook" rect={layout.panes.runbook} focused={focus === 'runbook'} />
      </Box>
    </Box>
  );
}

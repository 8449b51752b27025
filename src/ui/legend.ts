/** What the console's marks mean, one line each (at most 59 cells: whole at 80 columns): the help lists them after the keys. */
export const LEGEND: readonly { mark: string; meaning: string }[] = [
  { mark: '>', meaning: 'the selected row (event, hypothesis, step)' },
  { mark: '*', meaning: 'a timeline event that matches the search' },
  { mark: '· W E', meaning: 'severity: info, warning, error' },
  { mark: 'J O D', meaning: 'source letter (header order): Jamf Pro, Okta, the Mac' },
  { mark: '~', meaning: 'after a time: moved by the measured Mac clock offset' },
  { mark: '▁…█', meaning: 'histogram: events per time slice; colour: worst severity' },
  { mark: '! +', meaning: 'histogram, no colour: a slice with errors / with warnings' },
  { mark: '┃', meaning: 'histogram: the slice the timeline cursor is in' },
  { mark: '✓ ◐ ✗ –', meaning: 'source: read, partly read, failed (i says why), not given' },
  { mark: '████░░', meaning: 'hypothesis score bar (wide panes), then the score' },
  { mark: '+12-0?1', meaning: 'evidence: 12 events support, 0 contradict, 1 fact unknown' },
  { mark: '[x] [-] [ ]', meaning: 'runbook step done, skipped, open (d, s)' },
  { mark: '$ »', meaning: 'runbook: a command on the Mac; a step in an admin console' },
  { mark: '…', meaning: 'cut to fit: o (step), Enter (event), i (notes) show it all' },
];

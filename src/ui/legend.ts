/** What the console's marks mean, one line each: the help lists them after the keys. */
export const LEGEND: readonly { mark: string; meaning: string }[] = [
  { mark: '>', meaning: 'the selected row (event, hypothesis, step)' },
  { mark: '*', meaning: 'a timeline event that matches the search' },
  { mark: '· W E', meaning: 'severity: info, warning, error' },
  { mark: 'J O D', meaning: 'source letter (header order): Jamf Pro, Okta, the Mac' },
  { mark: '~', meaning: "after a time: a Mac time moved by the measured clock offset (header: clock)" },
  { mark: '▁…█', meaning: 'histogram: events per slice of the time range (height: how many; colour: the worst severity)' },
  { mark: '! +', meaning: 'histogram without colour: a slice with errors, with warnings' },
  { mark: '┃', meaning: 'histogram: the slice the timeline cursor is in' },
  { mark: '✓ ◐ ✗ –', meaning: 'source state: read, partly read, failed (i says why), not given' },
  { mark: '████░░', meaning: "hypothesis score bar (wide panes), then the score" },
  { mark: '+12-0?1', meaning: 'hypothesis evidence: 12 events support it, 0 contradict it, 1 fact unknown' },
  { mark: '[x] [-] [ ]', meaning: 'runbook step done, skipped, open (d, s)' },
  { mark: '$ »', meaning: 'runbook: a command on the Mac; a step in an admin console' },
  { mark: '…', meaning: 'text cut to fit: o (step), Enter (event) or i (notes) shows it whole' },
];

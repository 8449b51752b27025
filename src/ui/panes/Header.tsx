import { Box } from 'ink';
import type { ClockReading, SourceSummary } from '../../model/analysis.js';
import { fleetHeadline } from '../../store/selectors/fleet.js';
import { timeModeLabel } from '../../store/selectors/time-format.js';
import type { SourceLoad } from '../../store/types.js';
import { Row, type Segment } from '../components/Row.js';
import { Spinner } from '../components/Spinner.js';
import { useConsole } from '../store-context.js';
import { tokenColor, useTheme } from '../theme-context.js';
import { fitCells } from '../text/cells.js';

const STATE_MARK: Record<SourceLoad['state'], string> = { ok: '✓', partial: '◐ partial', error: '✗ error', missing: '– missing', loading: '' };

export function clockText(c: ClockReading): string {
  if (c.deviceOffsetMs === null) return 'clock: offset unknown (no sntp or date probe)';
  const ms = Math.abs(c.deviceOffsetMs);
  const size = ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const dir = c.deviceOffsetMs > 0 ? 'ahead' : c.deviceOffsetMs < 0 ? 'behind' : 'on time';
  const how = c.applied ? 'corrected' : 'not applied';
  return `clock: Mac ${size} ${dir} (${c.basis ?? '?'}, ${how})`;
}

/** Terminals at least this wide show why a source failed in the header (narrower ones: the `i` notes). */
export const REASON_COLUMNS = 120;
const REASON_CELLS = 40;

function sourceSegments(source: SourceSummary, load: SourceLoad, wide: boolean): Segment[] {
  const token = load.state === 'ok' ? 'status.ok' : load.state === 'loading' ? 'status.loading' : 'status.error';
  const reason = load.state === 'error' && wide && load.text ? ` ✗ ${fitCells(load.text, REASON_CELLS)}` : undefined;
  const counted = load.state === 'ok' || load.state === 'partial';
  const text = load.state === 'loading' ? ` ${load.events}${load.text ? ` ${load.text}` : ''}` : (reason ?? ` ${STATE_MARK[load.state]} ${counted ? load.events : ''}`);
  return [
    { text: `${source.letter} ${source.name}`, token: `source.${source.role}` },
    { text: `${text.trimEnd()}  `, token },
  ];
}

/** Device identity, each source's state (a spinner while loading), the clock offset and the time mode; the fleet line when there is one. */
export function Header({ width, rows }: { width: number; rows: number }) {
  const theme = useTheme();
  const device = useConsole((s) => s.analysis.device);
  const clock = useConsole((s) => s.analysis.clock);
  const loads = useConsole((s) => s.sourceStates);
  const sources = useConsole((s) => s.analysis.sources);
  const timeMode = useConsole((s) => s.timeMode);
  const zones = useConsole((s) => s.zones);
  const fleet = useConsole((s) => fleetHeadline(s));
  if (rows <= 0) return null;
  const identity = [device.serial, device.hostname, device.user].filter((x) => x !== null).join(' · ') || 'unknown device';
  const line1: Segment[] = [{ text: 'trustline ', token: 'accent', bold: true }, { text: identity, token: 'text', bold: true }, { text: `  time ${timeModeLabel(timeMode, zones)}`, token: 'muted' }];
  const loadOf = (name: string): SourceLoad => loads[name] ?? { state: 'missing', events: 0 };
  const loading = sources.filter((x) => loadOf(x.name).state === 'loading');
  const line2: Segment[] = [...sources.flatMap((x) => sourceSegments(x, loadOf(x.name), width >= REASON_COLUMNS)), { text: clockText(clock), token: clock.applied ? 'time.adjusted' : 'muted' }];
  return (
    <Box flexDirection="column" height={rows}>
      <Row segments={line1} width={width} />
      {rows > 1 ? (
        <Box>
          {loading.length > 0 ? <Spinner color={tokenColor(theme, 'status.loading')} /> : null}
          <Row segments={line2} width={width - (loading.length > 0 ? 1 : 0)} />
        </Box>
      ) : null}
      {rows > 2 && fleet !== null ? <Row segments={[{ text: fleet, token: 'severity.warn', bold: true }]} width={width} /> : null}
    </Box>
  );
}

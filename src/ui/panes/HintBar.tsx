import { keyScope } from '../../store/scope.js';
import { Row, type Segment } from '../components/Row.js';
import { hintsFor } from '../keys.js';
import { useConsole } from '../store-context.js';

/** The last line: the search prompt while typing, else the last message and the keys of whoever has them. */
export function HintBar({ width }: { width: number }) {
  const scope = useConsole(keyScope);
  const draft = useConsole((s) => s.search.draft);
  const message = useConsole((s) => s.message);
  const macConnected = useConsole((s) => s.macConnected);
  if (draft !== undefined) {
    return <Row segments={[{ text: '/', token: 'hint.key', bold: true }, { text: `${draft}▏`, token: 'text' }, { text: '  Enter search · Esc cancel', token: 'hint.text' }]} width={width} />;
  }
  const segments: Segment[] = message ? [{ text: `${message}  │ `, token: 'accent' }] : [];
  for (const h of hintsFor(scope, macConnected)) segments.push({ text: h.keys, token: 'hint.key', bold: true }, { text: ` ${h.hint}  `, token: 'hint.text' });
  return <Row segments={segments} width={width} />;
}

/**
 * Splits the message part of text-style `log show` output:
 *   `[spid 0x…, process, begin] `? `<process>: ` `(<sender>) `? `[<subsystem>:<category>] `? `<text>`
 * (compact and syslog styles put `process[pid…]` first and call splitSenderAndSubsystem directly).
 */

export interface SenderAndSubsystem {
  sender: string;
  subsystem: string;
  category: string;
  text: string;
}

const SUBSYSTEM = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+$/;

/** Reads the optional `(sender) ` and `[subsystem:category] ` prefixes off a message. */
export function splitSenderAndSubsystem(rest: string): SenderAndSubsystem {
  let sender = '';
  let subsystem = '';
  let category = '';
  let i = 0;
  if (rest.charCodeAt(0) === 40 /* ( */) {
    const close = rest.indexOf(') ', 1);
    if (close > 0 && close < 120 && !rest.slice(1, close).includes('(')) {
      sender = rest.slice(1, close);
      i = close + 2;
    }
  }
  if (rest.charCodeAt(i) === 91 /* [ */) {
    const close = rest.indexOf(']', i + 1);
    const colon = rest.indexOf(':', i + 1);
    if (close > 0 && colon > i && colon < close && close - i < 200) {
      const candidate = rest.slice(i + 1, colon);
      if (SUBSYSTEM.test(candidate)) {
        subsystem = candidate;
        category = rest.slice(colon + 1, close);
        i = close + 1;
        if (rest.charCodeAt(i) === 32) i++;
      }
    }
  }
  return { sender, subsystem, category, text: i === 0 ? rest : rest.slice(i) };
}

export interface ComposedMessage extends SenderAndSubsystem {
  process: string;
}

/** Default style: `process: (sender) [subsystem:category] text`, with an optional signpost prefix. */
export function splitComposedMessage(message: string): ComposedMessage {
  let body = message;
  if (body.startsWith('[spid ')) {
    const close = body.indexOf('] ');
    if (close > 0) body = body.slice(close + 2);
  }
  const colon = body.indexOf(': ');
  if (colon <= 0 || colon > 120) {
    return { process: '', sender: '', subsystem: '', category: '', text: body };
  }
  return { process: body.slice(0, colon), ...splitSenderAndSubsystem(body.slice(colon + 2)) };
}

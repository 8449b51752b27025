/** What every parser may need to know about the collection it reads. */
export interface ParseContext {
  /** When the evidence was collected (epoch ms, UTC): "now" for expiry judgements, year anchor for syslog. */
  collectedAtMs: number | undefined;
  /** IANA zone of the Mac, for zone-less log styles. */
  deviceTimeZone: string | undefined;
  serial: string | undefined;
  hostname: string | undefined;
  user: string | undefined;
}

export const EMPTY_CONTEXT: ParseContext = {
  collectedAtMs: undefined,
  deviceTimeZone: undefined,
  serial: undefined,
  hostname: undefined,
  user: undefined,
};

/** A Mac's UDID as it appears in text: Apple silicon (8-16 hex) or a UUID (Intel); uppercase, match with `i` for either case. */
export const UDID = /\b[0-9A-F]{8}-[0-9A-F]{16}\b|\b[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\b/;

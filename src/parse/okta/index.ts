export { normalizeOktaEvent, oktaEventId, isSkippedRecord, type SkippedRecord } from './log-event.js';
export { parseOktaLogFiles, OKTA_DEVICES_FILE, type OktaLogFile, type OktaLogResult } from './log-files.js';
export { parseOktaDevicesFile, type OktaDevicesResult } from './devices.js';

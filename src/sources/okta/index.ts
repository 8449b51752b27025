export { normalizeOktaEvent, oktaEventId, isSkippedRecord, type SkippedRecord } from './log-event.js';
export { parseOktaLogFiles, OktaLogMerger, OKTA_DEVICES_FILE, type OktaLogFile, type OktaLogResult } from './log-files.js';
export { parseOktaDevicesFile, OktaDeviceCollector, type OktaDevicesResult } from './devices.js';

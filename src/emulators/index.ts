// Faithful loopback emulators of the Okta and Jamf Pro APIs, serving a scenario (an evidence bundle).
// Used by the HTTP clients' tests and by `trustline demo`.
export type {
  AuthorizationKind,
  Faults,
  JamfCredentials,
  OktaCredentials,
  OktaOAuthClient,
  RecordedRequest,
  RunningEmulator,
} from './types.js';
export { listScenarios, loadScenario, scenarioDir, type OktaLogRecord, type Scenario, type ScenarioMeta } from './scenario.js';
export { startOktaEmulator, type OktaEmulatorOptions } from './okta/server.js';
export { startJamfEmulator, type JamfEmulatorOptions } from './jamf/server.js';

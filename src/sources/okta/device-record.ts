import { isJsonObject, type JsonObject, type JsonValue } from '../../io/json-file.js';
import { nestedDeeperThan, TOO_DEEP } from '../../io/json-depth.js';
import type { OktaDeviceRecord } from './state.js';
import { parseZonedTimestamp, type Instant } from '../../time/timestamp.js';
import { arrayAt, booleanAt, identifierAt, objectAt, stringAt } from './json-get.js';

export interface ReadDevice {
  record: OktaDeviceRecord;
  /** `lastUpdated` as written and as an instant, when it parsed. */
  lastUpdated: { text: string; instant: Instant } | undefined;
}

type DeviceUser = OktaDeviceRecord['users'][number];

/** `_embedded.users[]` from expand=userSummary (or expand=user): `{managementStatus, user: {profile: {login}}}`. */
function embeddedUsers(device: JsonObject): DeviceUser[] {
  return arrayAt(objectAt(device, '_embedded'), 'users')
    .filter(isJsonObject)
    .map((link) => ({
      login: stringAt(objectAt(objectAt(link, 'user'), 'profile'), 'login'),
      managementStatus: stringAt(link, 'managementStatus')?.toUpperCase(),
    }));
}

/** One Device object from GET /api/v1/devices as a state record, or the reason to skip it. */
export function readOktaDevice(value: JsonValue): ReadDevice | { skip: string } {
  if (!isJsonObject(value)) return { skip: 'not a JSON object' };
  if (nestedDeeperThan(value)) return { skip: TOO_DEEP };
  const id = identifierAt(value, 'id');
  if (id === undefined) return { skip: 'no device id' };
  const profile = objectAt(value, 'profile');
  const lastUpdatedText = stringAt(value, 'lastUpdated');
  const instant = lastUpdatedText === undefined ? null : parseZonedTimestamp(lastUpdatedText);

  const record: OktaDeviceRecord = {
    id,
    status: stringAt(value, 'status')?.toUpperCase(),
    displayName: stringAt(profile, 'displayName') ?? stringAt(objectAt(value, 'resourceDisplayName'), 'value'),
    serial: identifierAt(profile, 'serialNumber'),
    udid: identifierAt(profile, 'udid'),
    platform: stringAt(profile, 'platform')?.toUpperCase(),
    registered: booleanAt(profile, 'registered'),
    managed: booleanAt(profile, 'managed'),
    lastUpdatedMs: instant ? instant.epochMs : null,
    users: embeddedUsers(value),
  };
  return {
    record,
    lastUpdated: lastUpdatedText !== undefined && instant ? { text: lastUpdatedText, instant } : undefined,
  };
}

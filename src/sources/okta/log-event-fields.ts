import { isJsonObject, type JsonObject, type JsonValue } from '../../io/json-file.js';
import type { EventFields } from '../../model/event.js';
import { truncate } from '../../text/one-line.js';
import { booleanAt, identifierAt, objectAt, stringAt } from './json-get.js';
import { debugDataFields } from './log-event-debug.js';
import { targetOfType, type OktaEventParts } from './log-event-parts.js';

export const MAX_FIELD_CHARS = 1000;

/**
 * `device.device_integrator` is an object or the same object as JSON text ("{\"WSC\":{},\"CROWDSTRIKE\":{}}").
 * Its keys name the endpoint-security integrations reporting on the device.
 */
function integratorNames(device: JsonObject | undefined): string | undefined {
  let value: JsonValue | undefined = device !== undefined && Object.hasOwn(device, 'device_integrator')
    ? device['device_integrator']
    : undefined;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as JsonValue;
    } catch {
      return undefined;
    }
  }
  if (!isJsonObject(value)) return undefined;
  const names = Object.keys(value).sort();
  return names.length > 0 ? names.join(',') : undefined;
}

/** Flat scalars the triage rules match on; absent or null values are left out rather than stored as null. */
export function oktaEventFields(parts: OktaEventParts): EventFields {
  const fields: EventFields = {};
  const put = (name: string, value: string | number | boolean | undefined): void => {
    if (value === undefined) return;
    fields[name] = typeof value === 'string' ? truncate(value, MAX_FIELD_CHARS) : value;
  };
  const { event, device, udDetail } = parts;
  const client = objectAt(event, 'client');
  const auth = objectAt(event, 'authenticationContext');

  put('eventType', parts.eventType);
  put('legacyEventType', stringAt(event, 'legacyEventType'));
  put('outcome', parts.result);
  put('reason', parts.reason);
  put('severity', parts.oktaSeverity);
  put('actor', identifierAt(parts.actor, 'alternateId') ?? stringAt(parts.actor, 'displayName'));
  put('actorType', stringAt(parts.actor, 'type'));
  put('clientId', identifierAt(client, 'id'));
  put('userAgent', stringAt(objectAt(client, 'userAgent'), 'rawUserAgent'));
  put('ipAddress', stringAt(client, 'ipAddress'));
  put('transactionId', stringAt(objectAt(event, 'transaction'), 'id'));
  // Pre-session events carry externalSessionId "unknown", which must not correlate them with each other.
  put('externalSessionId', identifierAt(auth, 'externalSessionId'));
  put('rootSessionId', identifierAt(auth, 'rootSessionId'));

  put('deviceManaged', booleanAt(device, 'managed') ?? booleanAt(udDetail, 'managed'));
  put('deviceRegistered', booleanAt(device, 'registered') ?? booleanAt(udDetail, 'registered'));
  put('deviceStatus', stringAt(udDetail, 'deviceStatus'));
  put('devicePlatform', stringAt(device, 'os_platform') ?? stringAt(udDetail, 'osPlatform'));
  put('deviceOsVersion', stringAt(device, 'os_version') ?? stringAt(udDetail, 'osVersion'));
  put('deviceName', stringAt(device, 'name') ?? stringAt(parts.udDevice, 'displayName'));
  put('deviceIntegrators', integratorNames(device));
  // What device assurance policies check (okta-sdk-golang LogDevice).
  put('deviceDiskEncryption', stringAt(device, 'disk_encryption_type'));
  put('deviceScreenLock', stringAt(device, 'screen_lock_type'));
  put('deviceSecureHardware', booleanAt(device, 'secure_hardware_present'));
  put('oktaVerifyDeviceId', identifierAt(udDetail, 'oktaDeviceId'));

  put('policyName', stringAt(targetOfType(parts, 'PolicyEntity'), 'displayName'));
  put('policyRule', stringAt(targetOfType(parts, 'PolicyRule'), 'displayName'));
  put('app', stringAt(targetOfType(parts, 'AppInstance'), 'displayName'));

  return { ...fields, ...debugDataFields(event) };
}

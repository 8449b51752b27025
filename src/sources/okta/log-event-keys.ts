import { UDID } from '../../core/udid.js';
import type { EventKeys } from '../../model/event.js';
import { identifierAt, stringAt } from './json-get.js';
import { targetOfType, type OktaEventParts } from './log-event-parts.js';

/**
 * The top-level `device.name` is often Apple's model identifier ("Mac15,6", "MacBookPro18,2"), shared by
 * every Mac of that model; as a hostname key it would correlate unrelated machines.
 */
const MODEL_IDENTIFIER = /^[A-Za-z]+\d+,\d+$/;

function userKey(parts: OktaEventParts): string | undefined {
  if (stringAt(parts.actor, 'type') === 'User') {
    const login = identifierAt(parts.actor, 'alternateId');
    if (login !== undefined) return login;
  }
  return identifierAt(targetOfType(parts, 'User'), 'alternateId');
}

function deviceName(parts: OktaEventParts): string | undefined {
  const fromTarget = stringAt(parts.udDevice, 'displayName');
  if (fromTarget !== undefined) return fromTarget;
  const fromDevice = stringAt(parts.device, 'name');
  return fromDevice !== undefined && !MODEL_IDENTIFIER.test(fromDevice) ? fromDevice : undefined;
}

const CERTIFICATE_UDID = new RegExp(UDID.source, 'i');

/**
 * A pki.cert.* event may name its device only through the certificate, whose name carries the device's
 * UDID ("Okta MTLS 624F0298-…"): no other device has that UDID, so it is a safe key.
 */
function certificateUdid(parts: OktaEventParts): string | undefined {
  const certificate = targetOfType(parts, 'Certificate');
  for (const field of ['displayName', 'alternateId']) {
    const found = CERTIFICATE_UDID.exec(stringAt(certificate, field) ?? '');
    if (found) return found[0];
  }
  return undefined;
}

/**
 * Device identity comes from a UDDevice target (device.* events) or the top-level `device` (sign-in and SSO
 * events). The UDDevice target id is the Devices-API id, like `device.id`; detailEntry.oktaDeviceId is
 * a different (Okta Verify) identifier and stays in the fields.
 */
export function oktaEventKeys(parts: OktaEventParts): EventKeys {
  const keys: EventKeys = {};
  const user = userKey(parts);
  if (user !== undefined) keys.user = user;
  const oktaDeviceId = identifierAt(parts.udDevice, 'id') ?? identifierAt(parts.device, 'id');
  if (oktaDeviceId !== undefined) keys.oktaDeviceId = oktaDeviceId;
  const serial = identifierAt(parts.udDetail, 'serialNumber');
  if (serial !== undefined) keys.serial = serial;
  const udid = identifierAt(parts.udDetail, 'udid') ?? identifierAt(parts.udDetail, 'uuid') ?? certificateUdid(parts);
  if (udid !== undefined) keys.udid = udid;
  const hostname = deviceName(parts);
  if (hostname !== undefined) keys.hostname = hostname;
  return keys;
}

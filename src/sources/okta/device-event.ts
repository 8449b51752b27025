import type { ParseContext } from '../../model/context.js';
import type { OktaDeviceRecord } from './state.js';
import type { EventFields, EventKeys, RawRef, Severity, TimelineEvent } from '../../model/event.js';
import { collapseWhitespace, truncate } from '../../text/one-line.js';
import type { ReadDevice } from './device-record.js';
import { oktaGenericKind } from './kinds.js';
import { MAX_SUMMARY_CHARS } from './log-event-summary.js';

type DeviceUser = OktaDeviceRecord['users'][number];

const MAX_USERS_IN_SUMMARY = 3;

/** The device-user link that matters: the incident's user when listed, else the first one. */
export function relevantDeviceUser(record: OktaDeviceRecord, ctx: ParseContext): DeviceUser | undefined {
  const wanted = ctx.user?.toLowerCase();
  const match = wanted === undefined ? undefined : record.users.find((user) => user.login?.toLowerCase() === wanted);
  return match ?? record.users[0];
}

/**
 * Healthy means ACTIVE and managed. `profile.managed` is optional; when it is absent the user link's
 * managementStatus decides, and a NOT_MANAGED link is a warning either way.
 */
function deviceSeverity(record: OktaDeviceRecord, managementStatus: string | undefined): Severity {
  const managed = record.managed ?? (managementStatus === 'MANAGED' ? true : undefined);
  return record.status === 'ACTIVE' && managed === true && managementStatus !== 'NOT_MANAGED' ? 'info' : 'warn';
}

function usersText(users: DeviceUser[]): string | undefined {
  if (users.length === 0) return undefined;
  const listed = users
    .slice(0, MAX_USERS_IN_SUMMARY)
    .map((user) => `${user.managementStatus ?? 'status unknown'} for ${user.login ?? 'unknown user'}`);
  if (users.length > MAX_USERS_IN_SUMMARY) listed.push(`+${users.length - MAX_USERS_IN_SUMMARY} more`);
  return `(${listed.join(', ')})`;
}

/** `Okta device "Alice's MacBook Pro" ACTIVE, registered, managed (MANAGED for alice@example.com)` */
function deviceSummary(record: OktaDeviceRecord): string {
  const name = truncate(collapseWhitespace(record.displayName ?? record.id), 60);
  const states = [record.status ?? 'status unknown'];
  if (record.registered !== undefined) states.push(record.registered ? 'registered' : 'not registered');
  if (record.managed !== undefined) states.push(record.managed ? 'managed' : 'not managed');
  const users = usersText(record.users);
  const text = `Okta device "${name}" ${states.join(', ')}${users === undefined ? '' : ` ${users}`}`;
  return truncate(collapseWhitespace(text), MAX_SUMMARY_CHARS);
}

function deviceKeys(record: OktaDeviceRecord, user: DeviceUser | undefined): EventKeys {
  const keys: EventKeys = { oktaDeviceId: record.id };
  if (record.serial !== undefined) keys.serial = record.serial;
  if (record.udid !== undefined) keys.udid = record.udid;
  if (record.displayName !== undefined) keys.hostname = record.displayName;
  if (user?.login !== undefined) keys.user = user.login;
  return keys;
}

function deviceFields(record: OktaDeviceRecord, managementStatus: string | undefined): EventFields {
  const fields: EventFields = {};
  if (record.status !== undefined) fields['status'] = record.status;
  if (record.registered !== undefined) fields['registered'] = record.registered;
  if (record.managed !== undefined) fields['managed'] = record.managed;
  if (managementStatus !== undefined) fields['managementStatus'] = managementStatus;
  if (record.platform !== undefined) fields['platform'] = record.platform;
  return fields;
}

/** The device's state as one timeline event at `lastUpdated`; none when that time is missing. */
export function oktaDeviceEvent(device: ReadDevice, raw: RawRef, ctx: ParseContext): TimelineEvent | undefined {
  const { record, lastUpdated } = device;
  if (!lastUpdated) return undefined;
  const user = relevantDeviceUser(record, ctx);
  const event: TimelineEvent = {
    id: `okta-device:${record.id}`,
    epochMs: lastUpdated.instant.epochMs,
    originalTime: lastUpdated.text,
    source: 'okta',
    kind: 'okta.device.state',
    generic: oktaGenericKind('okta.device.state'),
    severity: deviceSeverity(record, user?.managementStatus),
    summary: deviceSummary(record),
    keys: deviceKeys(record, user),
    raw,
    fields: deviceFields(record, user?.managementStatus),
  };
  if (lastUpdated.instant.micros !== undefined) event.micros = lastUpdated.instant.micros;
  return event;
}

/**
 * Okta answered the device search with no device: evidence (Device Trust never registered, or the
 * record was deleted), placed at collection time. Kind `okta.device.not-found` (generic `idp.device.state`).
 */
export function oktaDeviceNotFoundEvent(file: string, ctx: ParseContext): TimelineEvent | undefined {
  if (ctx.collectedAtMs === undefined) return undefined;
  const serial = ctx.serial?.trim();
  const keys: EventKeys = {};
  if (serial) keys.serial = serial;
  return {
    id: 'okta-device:not-found',
    epochMs: ctx.collectedAtMs,
    originalTime: new Date(ctx.collectedAtMs).toISOString(),
    source: 'okta',
    kind: 'okta.device.not-found',
    generic: oktaGenericKind('okta.device.not-found'),
    severity: 'warn',
    summary: `Okta has no device record for this Mac${serial ? ` (serial ${serial})` : ''}`,
    keys,
    raw: { file, pointer: '' },
    fields: { recordFound: false },
    timeNote: 'placed at collection time',
  };
}

/** Timeline events from one inventory record: dated fields become events; "never" values do not. */
import type { ParseContext } from '../../model/context.js';
import type { JamfDeviceState } from './state.js';
import type { EventKeys, Severity, TimelineEvent } from '../../model/event.js';
import { formatIsoUtc } from '../../time/timestamp.js';
import { booleanAt, idAt, stringAt, type ZonedTime } from './fields.js';
import { checkInTime, certificateName, profileName, type ComputerRecord } from './computer-record.js';
import { EventIds, expiryPhrase, expirySeverity, jamfEvent, worstSeverity, type JamfEventSpec } from './event.js';

type Spec = Omit<JamfEventSpec, 'instant' | 'originalTime' | 'pointer'>;

/** Spec for an event dated by a field, or nothing when the field is absent, never or unreadable. */
function at(time: ZonedTime, spec: Spec): JamfEventSpec | undefined {
  if (time.state !== 'ok') return undefined;
  return { ...spec, instant: time.instant, originalTime: time.text, pointer: time.at };
}

const REVOKED_OR_EXPIRED = new Set(['EXPIRED', 'REVOKED']);

function certificateSeverity(status: string | undefined, expiresMs: number, collectedAtMs: number | undefined): Severity {
  if (status && REVOKED_OR_EXPIRED.has(status.toUpperCase())) return 'error';
  const byDate = expirySeverity(expiresMs, collectedAtMs);
  return status?.toUpperCase() === 'EXPIRING' ? worstSeverity(byDate, 'warn') : byDate;
}

function lifecycleSpecs(rec: ComputerRecord, id: string, ctx: ParseContext): (JamfEventSpec | undefined)[] {
  const checkIn = checkInTime(rec);
  const expiry = rec.mdmProfileExpiration;
  return [
    at(rec.enrolled, { id: `jamf:${id}:enrolled`, kind: 'jamf.inventory.enrolled', severity: 'info', summary: 'Enrolled in Jamf (last enrollment)', fields: {} }),
    at(checkIn, { id: `jamf:${id}:check-in`, kind: 'jamf.inventory.check-in', severity: 'info', summary: 'Last Jamf check-in', fields: {} }),
    rec.lastCheckIn.state === 'absent'
      ? undefined
      : at(rec.lastContact, { id: `jamf:${id}:contact`, kind: 'jamf.inventory.contact', severity: 'info', summary: 'Last Jamf contact', fields: {} }),
    at(rec.report, { id: `jamf:${id}:report`, kind: 'jamf.inventory.report', severity: 'info', summary: 'Last Jamf inventory report', fields: {} }),
    expiry.state === 'ok'
      ? at(expiry, {
          id: `jamf:${id}:mdm-profile-expiry`,
          kind: 'jamf.mdm-profile.expiry',
          severity: expirySeverity(expiry.instant.epochMs, ctx.collectedAtMs),
          summary: `MDM profile ${expiryPhrase(expiry.instant.epochMs, ctx.collectedAtMs)}`,
          fields: { expiresAt: formatIsoUtc(expiry.instant.epochMs) },
        })
      : undefined,
  ];
}

function attestationSpecs(rec: ComputerRecord, id: string): (JamfEventSpec | undefined)[] {
  const status = stringAt(rec.security, 'attestationStatus');
  const statusText = status ? ` (status ${status})` : '';
  return [
    at(rec.lastAttestationAttempt, {
      id: `jamf:${id}:attestation:attempt`,
      kind: 'jamf.attestation',
      severity: status?.toUpperCase() === 'SUCCESS' ? 'info' : 'warn',
      summary: `Managed device attestation attempted${statusText}`,
      fields: { attestationStatus: status, attestation: 'attempt' },
    }),
    at(rec.lastSuccessfulAttestation, {
      id: `jamf:${id}:attestation:success`,
      kind: 'jamf.attestation',
      severity: 'info',
      summary: 'Managed device attestation succeeded',
      fields: { attestationStatus: status, attestation: 'success' },
    }),
  ];
}

function profileSpecs(rec: ComputerRecord, id: string, ids: EventIds): (JamfEventSpec | undefined)[] {
  return rec.profiles.map(({ entry, index, lastInstalled }) => {
    const name = profileName(entry, index);
    return at(lastInstalled, {
      id: ids.claim(`jamf:${id}:profile:${idAt(entry, 'id') ?? index}`),
      kind: 'jamf.profile.installed',
      severity: 'info',
      summary: `Configuration profile "${name}" installed`,
      fields: { profileName: name, profileIdentifier: stringAt(entry, 'profileIdentifier') },
    });
  });
}

function certificateSpecs(rec: ComputerRecord, id: string, ctx: ParseContext): (JamfEventSpec | undefined)[] {
  return rec.certificates.map(({ entry, index, expiration }) => {
    if (expiration.state !== 'ok') return undefined;
    const expiresMs = expiration.instant.epochMs;
    const name = certificateName(entry, index);
    const status = stringAt(entry, 'certificateStatus');
    const identity = booleanAt(entry, 'identity');
    const revoked = status?.toUpperCase() === 'REVOKED' ? ', revoked' : '';
    return at(expiration, {
      id: `jamf:${id}:certificate:${index}`,
      kind: 'jamf.certificate.expiry',
      severity: certificateSeverity(status, expiresMs, ctx.collectedAtMs),
      summary: `Certificate "${name}"${identity ? ' (identity)' : ''} ${expiryPhrase(expiresMs, ctx.collectedAtMs)}${revoked}`,
      fields: {
        certificateName: name,
        certificateStatus: status,
        identity,
        expiresAt: formatIsoUtc(expiresMs),
        subjectName: stringAt(entry, 'subjectName'),
        serialNumber: stringAt(entry, 'serialNumber'),
        issuedAt: stringAt(entry, 'issuedDate'),
      },
    });
  });
}

function flag(value: boolean | undefined, yes: string, no: string): string | undefined {
  return value === undefined ? undefined : value ? yes : no;
}

/** The one event that says what Jamf believes now, dated by the inventory report (or the collection). */
function stateSpec(rec: ComputerRecord, id: string, state: JamfDeviceState, ctx: ParseContext): JamfEventSpec | undefined {
  const phrases = [
    flag(state.managed, 'managed', 'NOT managed'),
    flag(state.supervised, 'supervised', 'not supervised'),
    flag(state.mdmCapable, 'MDM capable', 'NOT MDM capable'),
    flag(state.enrolledViaAde, 'enrolled via ADE', 'not enrolled via ADE'),
    flag(state.userApprovedMdm, 'user-approved MDM', 'MDM not user-approved'),
  ].filter((p): p is string => p !== undefined);
  const spec: Spec = {
    id: `jamf:${id}:state`,
    kind: 'jamf.inventory.state',
    severity: state.managed === false || state.mdmCapable === false ? 'error' : 'info',
    summary: `Jamf inventory: ${phrases.length > 0 ? phrases.join(', ') : 'management state not reported'}`,
    fields: {
      managed: state.managed,
      supervised: state.supervised,
      mdmCapable: state.mdmCapable,
      userApprovedMdm: state.userApprovedMdm,
      enrolledViaAde: state.enrolledViaAde,
    },
  };
  const dated = at(rec.report, spec);
  if (dated) return dated;
  if (ctx.collectedAtMs === undefined) return undefined;
  return {
    ...spec,
    instant: { epochMs: ctx.collectedAtMs },
    originalTime: formatIsoUtc(ctx.collectedAtMs),
    pointer: rec.general ? `${rec.base}/general` : rec.base,
    timeNote: 'no inventory report date; placed at collection time',
  };
}

export function computerKeys(state: JamfDeviceState): EventKeys {
  const keys: EventKeys = {};
  if (state.serial) keys.serial = state.serial;
  if (state.udid) keys.udid = state.udid;
  if (state.managementId) keys.managementId = state.managementId;
  if (state.name) keys.hostname = state.name;
  const user = state.email ?? state.username;
  if (user) keys.user = user;
  return keys;
}

export function buildComputerEvents(rec: ComputerRecord, state: JamfDeviceState, ctx: ParseContext, file: string): TimelineEvent[] {
  const id = state.id ?? state.udid ?? state.serial ?? 'computer';
  const ids = new EventIds();
  const specs = [
    ...lifecycleSpecs(rec, id, ctx),
    ...attestationSpecs(rec, id),
    ...profileSpecs(rec, id, ids),
    ...certificateSpecs(rec, id, ctx),
    stateSpec(rec, id, state, ctx),
  ];
  const keys = computerKeys(state);
  return specs.filter((s): s is JamfEventSpec => s !== undefined).map((spec) => jamfEvent(spec, file, keys));
}

/**
 * Reads one computers-inventory record (v1..v4) into its dated fields and the JamfDeviceState.
 * v1–v3 name the last contact `lastContactTime`; v4 renamed it `lastContact` and added `lastCheckIn`.
 */
import { isJsonObject, type JsonObject } from '../../io/json-file.js';
import type { JamfCertificate, JamfDeviceState, JamfProfile } from './state.js';
import {
  arrayAt,
  booleanAt,
  idAt,
  objectAt,
  pointer,
  readZonedTime,
  stateTime,
  stringAt,
  type Skip,
  type ZonedTime,
} from './fields.js';
import { serialOf } from './computer-select.js';

export interface ProfileEntry {
  entry: JsonObject;
  index: number;
  lastInstalled: ZonedTime;
}

export interface CertificateEntry {
  entry: JsonObject;
  index: number;
  expiration: ZonedTime;
  issued: ZonedTime;
}

/** The record's sections and every dated field, read once with its pointer. */
export interface ComputerRecord {
  record: JsonObject;
  base: string;
  general: JsonObject | undefined;
  security: JsonObject | undefined;
  enrolled: ZonedTime;
  /** v4 `lastCheckIn`, absent in v1–v3. */
  lastCheckIn: ZonedTime;
  /** v4 `lastContact`, or v1–v3 `lastContactTime` (the same value under its old name). */
  lastContact: ZonedTime;
  report: ZonedTime;
  mdmProfileExpiration: ZonedTime;
  lastAttestationAttempt: ZonedTime;
  lastSuccessfulAttestation: ZonedTime;
  profiles: ProfileEntry[];
  certificates: CertificateEntry[];
}

function readEntries<T>(
  record: JsonObject,
  base: string,
  key: string,
  skips: Skip[],
  read: (entry: JsonObject, at: string, index: number) => T,
): T[] {
  const out: T[] = [];
  (arrayAt(record, key) ?? []).forEach((entry, index) => {
    const at = pointer(base, key, index);
    if (isJsonObject(entry)) out.push(read(entry, at, index));
    else skips.push({ at, reason: `${key} entry is not an object` });
  });
  return out;
}

export function readComputerRecord(record: JsonObject, base: string, skips: Skip[]): ComputerRecord {
  const general = objectAt(record, 'general');
  const security = objectAt(record, 'security');
  const generalAt = pointer(base, 'general');
  const securityAt = pointer(base, 'security');
  const inGeneral = (key: string): ZonedTime => readZonedTime(general, key, pointer(generalAt, key), skips);
  const inSecurity = (key: string): ZonedTime => readZonedTime(security, key, pointer(securityAt, key), skips);

  const contactKey = general && 'lastContact' in general ? 'lastContact' : 'lastContactTime';
  return {
    record,
    base,
    general,
    security,
    enrolled: inGeneral('lastEnrolledDate'),
    lastCheckIn: inGeneral('lastCheckIn'),
    lastContact: inGeneral(contactKey),
    report: inGeneral('reportDate'),
    mdmProfileExpiration: inGeneral('mdmProfileExpiration'),
    lastAttestationAttempt: inSecurity('lastAttestationAttempt'),
    lastSuccessfulAttestation: inSecurity('lastSuccessfulAttestation'),
    profiles: readEntries(record, base, 'configurationProfiles', skips, (entry, at, index) => ({
      entry,
      index,
      lastInstalled: readZonedTime(entry, 'lastInstalled', pointer(at, 'lastInstalled'), skips),
    })),
    certificates: readEntries(record, base, 'certificates', skips, (entry, at, index) => ({
      entry,
      index,
      expiration: readZonedTime(entry, 'expirationDate', pointer(at, 'expirationDate'), skips),
      issued: readZonedTime(entry, 'issuedDate', pointer(at, 'issuedDate'), skips),
    })),
  };
}

/** The field that dates the last check-in: v4 `lastCheckIn` when the record has it, else the last contact. */
export function checkInTime(rec: ComputerRecord): ZonedTime {
  return rec.lastCheckIn.state === 'absent' ? rec.lastContact : rec.lastCheckIn;
}

export function profileName(entry: JsonObject, index: number): string {
  return stringAt(entry, 'displayName') ?? stringAt(entry, 'profileIdentifier') ?? idAt(entry, 'id') ?? `profile ${index}`;
}

export function certificateName(entry: JsonObject, index: number): string {
  return stringAt(entry, 'commonName') ?? stringAt(entry, 'subjectName') ?? `certificate ${index}`;
}

/** Undefined-valued keys are left out so the state serialises the way it reads. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function buildJamfState(rec: ComputerRecord, recordsFound: number): JamfDeviceState {
  const { record, general, security } = rec;
  const user = objectAt(record, 'userAndLocation');
  const profiles: JamfProfile[] = rec.profiles.map(({ entry, index, lastInstalled }) => ({
    name: profileName(entry, index),
    identifier: stringAt(entry, 'profileIdentifier'),
    lastInstalledMs: stateTime(lastInstalled) ?? null,
  }));
  const certificates: JamfCertificate[] = rec.certificates.map(({ entry, index, expiration, issued }) =>
    withoutUndefined<JamfCertificate>({
      commonName: certificateName(entry, index),
      expiresMs: stateTime(expiration) ?? null,
      status: stringAt(entry, 'certificateStatus'),
      identity: booleanAt(entry, 'identity'),
      subject: stringAt(entry, 'subjectName'),
      serialNumber: stringAt(entry, 'serialNumber'),
      issuedMs: stateTime(issued),
    }),
  );
  return withoutUndefined<JamfDeviceState>({
    recordsFound,
    id: idAt(record, 'id'),
    udid: idAt(record, 'udid'),
    serial: serialOf(record)?.toUpperCase(),
    name: stringAt(general, 'name'),
    managementId: stringAt(general, 'managementId'),
    managed: booleanAt(objectAt(general, 'remoteManagement'), 'managed'),
    supervised: booleanAt(general, 'supervised'),
    mdmCapable: booleanAt(objectAt(general, 'mdmCapable'), 'capable'),
    enrolledViaAde: booleanAt(general, 'enrolledViaAutomatedDeviceEnrollment'),
    userApprovedMdm: booleanAt(general, 'userApprovedMdm'),
    lastEnrolledMs: stateTime(rec.enrolled),
    lastCheckInMs: stateTime(checkInTime(rec)),
    lastContactMs: stateTime(rec.lastContact),
    lastInventoryMs: stateTime(rec.report),
    mdmProfileExpiresMs: stateTime(rec.mdmProfileExpiration),
    attestationStatus: stringAt(security, 'attestationStatus'),
    osVersion: stringAt(objectAt(record, 'operatingSystem'), 'version'),
    username: stringAt(user, 'username'),
    email: stringAt(user, 'email'),
    profiles,
    // A section the server did not return (or returned as null) says nothing about which profiles exist.
    profilesReturned: Array.isArray(record['configurationProfiles']),
    certificates,
  });
}

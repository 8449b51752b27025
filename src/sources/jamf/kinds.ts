import { genericKindMapper, type KindDeclaration } from '../../core/kinds.js';

const INVENTORY = 'mdm.inventory';

/** Every kind the Jamf reader emits, and the generic kind packs see it as. */
export const JAMF_KINDS: readonly KindDeclaration[] = [
  { kind: 'jamf.inventory.state', generic: 'mdm.inventory.state', stream: INVENTORY, fields: ['managed', 'supervised', 'mdmCapable'] },
  { kind: 'jamf.inventory.not-found', generic: 'mdm.inventory.not-found', stream: INVENTORY },
  { kind: 'jamf.inventory.report', generic: 'mdm.inventory.report', stream: INVENTORY },
  { kind: 'jamf.inventory.check-in', generic: 'mdm.checkin', stream: INVENTORY },
  { kind: 'jamf.inventory.contact', generic: 'mdm.checkin', stream: INVENTORY },
  { kind: 'jamf.inventory.enrolled', generic: 'mdm.enrollment', stream: INVENTORY },
  { kind: 'jamf.profile.installed', generic: 'mdm.profile.installed', stream: INVENTORY, fields: ['profileName'] },
  { kind: 'jamf.certificate.expiry', generic: 'mdm.certificate.expiry', stream: INVENTORY },
  { kind: 'jamf.mdm-profile.expiry', generic: 'mdm.enrollment-profile.expiry', stream: INVENTORY },
  { kind: 'jamf.attestation', generic: 'mdm.attestation', stream: INVENTORY },
  { kind: 'jamf.mdm.command', generic: 'mdm.command', stream: 'mdm.commands', fields: ['command', 'status'] },
  { kind: 'jamf.history.command', generic: 'mdm.command', stream: 'mdm.history', fields: ['command', 'status'] },
  { kind: 'jamf.policy.run', generic: 'mdm.policy.run', stream: 'mdm.history' },
];

export const jamfGenericKind = genericKindMapper(JAMF_KINDS);

export const JAMF_SOURCE = { id: 'jamf', role: 'mdm', kinds: JAMF_KINDS } as const;

/** Each bundle file and the stream it holds. None is bounded in time: Jamf answers with the record's whole history. */
export const JAMF_FILES = { 'jamf/computer.json': 'mdm.inventory', 'jamf/mdm-commands.json': 'mdm.commands', 'jamf/history.json': 'mdm.history' } as const;

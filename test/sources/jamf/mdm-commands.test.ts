import { describe, expect, it } from 'vitest';
import { normalizeJamfMdmCommands, parseJamfMdmCommandsFile } from '../../../src/sources/jamf/mdm-commands.js';
import { byId, CTX, fixture, outline } from './helpers.js';

const REL = 'jamf/mdm-commands.json';
const DEVICE = '3b9e6a52-7c1d-4f08-a2e5-91d4c0b7f6e3';

describe('parseJamfMdmCommandsFile: v2 response', () => {
  it('makes one event per command, dated by completion, else by sending', async () => {
    const { events } = await parseJamfMdmCommandsFile(fixture('mdm-commands-v2.json'), REL, CTX);
    expect(outline(events)).toEqual([
      ['jamf:cmd:0f6d3a1e-8b2c-4e7f-9a05-c3d1e2f4a6b8', 'jamf.mdm.command', 'info', 1_795_182_009_874], // completed 13:40:09.874Z
      ['jamf:cmd:7a2e9c4b-1d3f-4b6a-8e0c-5f7d9b1a3c2e', 'jamf.mdm.command', 'error', 1_795_183_863_021], // completed 14:11:03.021Z
      ['jamf:cmd:c5b4a392-8170-4f6e-9d5c-4b3a29180706', 'jamf.mdm.command', 'info', 1_795_184_445_000], // pending: sent 14:20:45Z
      ['jamf:cmd:e9d8c7b6-a5f4-4e3d-8c2b-1a0f9e8d7c6b', 'jamf.mdm.command', 'warn', 1_795_176_000_000], // NOT_NOW: sent 12:00Z
    ]);
  });

  it('describes a failed profile install with its error', async () => {
    const { events } = await parseJamfMdmCommandsFile(fixture('mdm-commands-v2.json'), REL, CTX);
    const failed = byId(events, 'jamf:cmd:7a2e9c4b-1d3f-4b6a-8e0c-5f7d9b1a3c2e');
    expect(failed.summary).toBe('MDM INSTALL_PROFILE ERROR: The profile "Okta SSO" could not be installed (MDMErrorDomain 4001)');
    expect(failed.originalTime).toBe('2026-11-20T14:11:03.021Z');
    expect(failed.raw).toEqual({ file: REL, pointer: '/results/1/dateCompleted' });
    expect(failed.keys).toEqual({ managementId: DEVICE });
    expect(failed.fields).toEqual({
      uuid: '7a2e9c4b-1d3f-4b6a-8e0c-5f7d9b1a3c2e',
      commandType: 'INSTALL_PROFILE',
      commandState: 'ERROR',
      errorCode: 4001,
      errorDomain: 'MDMErrorDomain',
      errorText: 'The profile "Okta SSO" could not be installed',
      profileId: 123,
      clientType: 'COMPUTER',
      dateSent: '2026-11-20T14:11:00.500Z',
    });
  });

  it('places a pending command with an epoch-zero dateCompleted at dateSent', async () => {
    const { events } = await parseJamfMdmCommandsFile(fixture('mdm-commands-v2.json'), REL, CTX);
    const pending = byId(events, 'jamf:cmd:c5b4a392-8170-4f6e-9d5c-4b3a29180706');
    expect(pending.originalTime).toBe('2026-11-20T14:20:45Z');
    expect(pending.raw.pointer).toBe('/results/2/dateSent');
    expect(pending.summary).toBe('MDM PROFILE_LIST PENDING');
    expect(pending.timeNote).toBeUndefined();
    const notNow = byId(events, 'jamf:cmd:e9d8c7b6-a5f4-4e3d-8c2b-1a0f9e8d7c6b');
    expect(notNow.keys).toEqual({ managementId: 'd41f07a9-2b6e-4c3a-8f15-7e90b2c4a6d8' });
    expect(notNow.fields['clientType']).toBe('COMPUTER_USER');
  });

  it('says how long a command has been pending, and warns once it is a day or more (push not reaching the Mac)', () => {
    const sent = (dateSent: string) => ({ results: [{ uuid: 'u1', commandType: 'DEVICE_INFORMATION', commandState: 'PENDING', dateSent, client: { managementId: DEVICE } }] });
    const collectedAtMs = Date.parse('2026-11-20T14:31:34Z');
    const fresh = normalizeJamfMdmCommands(sent('2026-11-20T14:20:45Z'), REL, { ...CTX, collectedAtMs });
    const stale = normalizeJamfMdmCommands(sent('2026-11-16T14:31:34Z'), REL, { ...CTX, collectedAtMs });
    if ('error' in fresh || 'error' in stale) throw new Error('not parsed');
    expect(fresh.events[0]).toMatchObject({ severity: 'info', summary: 'MDM DEVICE_INFORMATION PENDING', fields: { pendingDays: 0 } });
    expect(stale.events[0]).toMatchObject({ severity: 'warn', summary: 'MDM DEVICE_INFORMATION PENDING for 4 days', fields: { pendingDays: 4 } });
  });

  it('skips the command whose only date is unreadable, pointing at that date', async () => {
    const { events, report } = await parseJamfMdmCommandsFile(fixture('mdm-commands-v2.json'), REL, CTX);
    expect(events.some((e) => e.fields['commandType'] === 'SECURITY_INFO')).toBe(false);
    expect(report.skipped).toBe(1);
    expect(report.messages()).toEqual([
      `${REL}: 1 malformed record skipped, first at ${REL}#/results/4/dateSent (unreadable date "yesterday")`,
    ]);
  });
});

describe('parseJamfMdmCommandsFile: deprecated v1 bare array', () => {
  it('reads the array, falls back to the index for a missing uuid, and skips non-objects', async () => {
    const { events, report } = await parseJamfMdmCommandsFile(fixture('mdm-commands-v1-array.json'), REL, CTX);
    expect(outline(events)).toEqual([
      ['jamf:cmd:4d3c2b1a-0f9e-4d8c-b7a6-958473625140', 'jamf.mdm.command', 'info', 1_795_126_541_002],
      ['jamf:cmd:1', 'jamf.mdm.command', 'error', 1_795_167_004_000],
    ]);
    expect(events[0]?.summary).toBe('MDM INSTALL_PROFILE ACKNOWLEDGED (profile 117)');
    expect(events[1]?.summary).toBe('MDM DECLARATIVE_MANAGEMENT COMMAND_FORMAT_ERROR: The command payload is not valid. (MCMDMErrorDomain 12021)');
    expect(events[1]?.fields['errorText']).toBe('The command payload is not valid.');
    expect(events[1]?.raw.pointer).toBe('/1/dateCompleted');
    expect(report.skipped).toBe(1);
    expect(report.messages()).toEqual([`${REL}: 1 malformed record skipped, first at ${REL}#/2 (MDM command is not an object)`]);
  });
});

describe('normalizeJamfMdmCommands', () => {
  it('notes when the file holds only the first page', () => {
    const result = normalizeJamfMdmCommands({ totalCount: 250, results: [] }, REL, CTX);
    expect(result).toEqual({ events: [], skips: [], notes: ['0 of 250 MDM commands in the file; the rest were on later pages'] });
  });

  it('places a command with an unreadable dateCompleted at dateSent and says so', () => {
    const result = normalizeJamfMdmCommands(
      [{ uuid: 'u1', dateSent: '2026-11-20T12:00:00Z', dateCompleted: 'n/a', commandState: 'ACKNOWLEDGED', commandType: 'DEVICE_LOCK' }],
      REL,
      CTX,
    );
    if ('error' in result) throw new Error(result.error);
    expect(result.skips).toEqual([]);
    expect(result.events[0]).toMatchObject({ epochMs: 1_795_176_000_000, timeNote: 'dateCompleted unreadable; placed at dateSent' });
  });

  it('skips a command with no dates at all', () => {
    const result = normalizeJamfMdmCommands({ results: [{ uuid: 'u2', dateCompleted: '1970-01-01T00:00:00Z' }] }, REL, CTX);
    expect(result).toEqual({ events: [], skips: [{ at: '/results/0', reason: 'MDM command has no dateSent or dateCompleted' }], notes: [] });
  });

  it('refuses other shapes with one line', () => {
    expect(normalizeJamfMdmCommands({ computers: [] }, REL, CTX)).toEqual({ error: 'not a Jamf MDM command list (no "results")' });
    expect(normalizeJamfMdmCommands({ httpStatus: 500, errors: [{ code: 'SERVER_ERROR', description: 'Failure, unable to complete lookup.' }] }, REL, CTX)).toEqual({
      error: 'Jamf API error 500 (SERVER_ERROR: Failure, unable to complete lookup.)',
    });
  });

  it.each([
    ['classic-401.html', 'not JSON: looks like an HTML page (an error or login page?) — "Unauthorized: The request requires user authentication"'],
    ['empty.json', 'empty file'],
  ])('fails %s', async (name, reason) => {
    const { events, report } = await parseJamfMdmCommandsFile(fixture(name), REL, CTX);
    expect(events).toEqual([]);
    expect(report.fatal).toBe(`${REL}: ${reason}`);
  });
});

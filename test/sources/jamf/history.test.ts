import { describe, expect, it } from 'vitest';
import { normalizeJamfHistory, parseJamfHistoryFile } from '../../../src/sources/jamf/history.js';
import { byId, CTX, fixture, outline } from './helpers.js';

const REL = 'jamf/history.json';
const KEYS = { serial: 'C02FX1TLQ6L4', udid: '8E2B4F7A-1C3D-5A6B-9E0F-2D4C6B8A0E1F', hostname: 'alice-mbp' };

describe('parseJamfHistoryFile: flat arrays (live shape)', () => {
  it('dates commands and policy runs by their _epoch fields', async () => {
    const { events, report } = await parseJamfHistoryFile(fixture('history-flat.json'), REL, CTX);
    expect(report.messages()).toEqual([]);
    expect(outline(events)).toEqual([
      ['jamf:hist:completed:0', 'jamf.history.command', 'info', 1_795_182_009_874],
      ['jamf:hist:completed:1', 'jamf.history.command', 'info', 1_795_079_550_000],
      ['jamf:hist:pending:0', 'jamf.history.command', 'info', 1_795_184_445_000],
      ['jamf:hist:pending:1', 'jamf.history.command', 'warn', 1_794_909_600_000],
      ['jamf:hist:failed:0', 'jamf.history.command', 'error', 1_795_183_863_021],
      ['jamf:policy:0', 'jamf.policy.run', 'info', 1_795_080_000_000],
      ['jamf:policy:1', 'jamf.policy.run', 'error', 1_795_169_100_000],
    ]);
    expect(events.every((e) => JSON.stringify(e.keys) === JSON.stringify(KEYS))).toBe(true);
  });

  it('keeps the _utc text as the original time and points at the epoch used', async () => {
    const { events } = await parseJamfHistoryFile(fixture('history-flat.json'), REL, CTX);
    const completed = byId(events, 'jamf:hist:completed:0');
    expect(completed.originalTime).toBe('2026-11-20T05:40:09.874-0800');
    expect(completed.raw).toEqual({ file: REL, pointer: '/computer_history/commands/completed/0/completed_epoch' });
    expect(completed.fields).toEqual({ name: 'DeviceInformation', state: 'completed' });
  });

  it('carries the failure text and marks a pending command stale when its last push is over a day old', async () => {
    const { events } = await parseJamfHistoryFile(fixture('history-flat.json'), REL, CTX);
    const failed = byId(events, 'jamf:hist:failed:0');
    expect(failed.summary).toBe('Jamf command "Install Configuration Profile Okta SSO Extension" failed: The profile "Okta SSO" could not be installed');
    expect(failed.fields).toEqual({
      name: 'Install Configuration Profile Okta SSO Extension',
      state: 'failed',
      status: 'The profile "Okta SSO" could not be installed',
    });
    expect(byId(events, 'jamf:hist:pending:0').fields['lastPush']).toBe('2026-11-20T14:20:46.312Z');
    const stale = byId(events, 'jamf:hist:pending:1');
    expect(stale.fields).toEqual({
      name: 'Install Configuration Profile Okta SSO Extension',
      state: 'pending',
      status: 'Pending',
      username: 'jamf-admin',
      lastPush: '2026-11-18T10:00:00.000Z',
    });
    expect(stale.summary).toBe('Jamf command "Install Configuration Profile Okta SSO Extension" pending, last push 2026-11-18T10:00:00.000Z');
  });

  it('reads policy logs with date_completed_* fields', async () => {
    const { events } = await parseJamfHistoryFile(fixture('history-flat.json'), REL, CTX);
    const failedRun = byId(events, 'jamf:policy:1');
    expect(failedRun.fields).toEqual({ policyId: 15, policyName: 'Renew Okta Device Trust certificate', status: 'Failed', username: 'alice' });
    expect(failedRun.originalTime).toBe('2026-11-20T02:05:00.000-0800');
    expect(failedRun.raw.pointer).toBe('/computer_history/policy_logs/1/date_completed_epoch');
    expect(failedRun.summary).toBe('Jamf policy "Renew Okta Device Trust certificate" Failed');
  });
});

describe('parseJamfHistoryFile: wrapped elements (documented shape)', () => {
  it('unwraps {"command"} and {"policy_log"}, reads date_time_* alternates, and skips an undatable entry', async () => {
    const { events, report } = await parseJamfHistoryFile(fixture('history-wrapped.json'), REL, CTX);
    expect(outline(events)).toEqual([
      ['jamf:hist:completed:0', 'jamf.history.command', 'info', 1_795_174_338_400],
      ['jamf:hist:pending:0', 'jamf.history.command', 'info', 1_795_183_200_000],
      ['jamf:hist:failed:0', 'jamf.history.command', 'error', 1_795_162_500_000],
      ['jamf:policy:0', 'jamf.policy.run', 'info', 1_795_169_107_130],
    ]);
    expect(byId(events, 'jamf:hist:completed:0').raw.pointer).toBe('/computer_history/commands/completed/0/command/date_time_completed_epoch');
    expect(byId(events, 'jamf:policy:0').raw.pointer).toBe('/computer_history/policy_logs/0/policy_log/date_time_epoch');
    expect(byId(events, 'jamf:policy:0').originalTime).toBe('2026-11-20T02:05:07.130-0800');
    expect(report.skipped).toBe(1);
    expect(report.messages()).toEqual([
      `${REL}: 1 malformed record skipped, first at ${REL}#/computer_history/commands/failed/1/command ` +
        '(failed command has no failed_epoch or date_time_failed_epoch or issued_epoch or date_time_issued_epoch)',
    ]);
  });

  it('places a failed command without a failure time at its issue time, and a never-pushed command as such', async () => {
    const { events } = await parseJamfHistoryFile(fixture('history-wrapped.json'), REL, CTX);
    const failed = byId(events, 'jamf:hist:failed:0');
    expect(failed.timeNote).toBe('failure time not recorded; placed at issue time');
    expect(failed.originalTime).toBe('2026-11-20T00:15:00.000-0800');
    const pending = byId(events, 'jamf:hist:pending:0');
    expect(pending.fields['lastPush']).toBeNull();
    expect(pending.summary).toBe('Jamf command "Install Configuration Profile Okta Device Trust SCEP" pending, never pushed');
  });
});

describe('normalizeJamfHistory', () => {
  it('accepts the inner object without the computer_history root', () => {
    const result = normalizeJamfHistory({ commands: { completed: [{ name: 'Update Inventory', completed_epoch: 1_795_174_338_400 }] } }, REL, CTX);
    if ('error' in result) throw new Error(result.error);
    expect(result.events[0]).toMatchObject({
      id: 'jamf:hist:completed:0',
      epochMs: 1_795_174_338_400,
      originalTime: '1795174338400',
      raw: { pointer: '/commands/completed/0/completed_epoch' },
      keys: {},
    });
  });

  it('treats a zero epoch as never and a non-integer epoch as malformed', () => {
    const result = normalizeJamfHistory(
      {
        computer_history: {
          commands: { completed: [{ name: 'A', completed_epoch: 0 }, { name: 'B', completed_epoch: 'soon' }, 7] },
          policy_logs: [{ policy_id: 3, date_time_epoch: '1795169107130', status: 'completed' }],
        },
      },
      REL,
      CTX,
    );
    if ('error' in result) throw new Error(result.error);
    expect(result.skips).toEqual([
      { at: '/computer_history/commands/completed/0', reason: 'completed command has no completed_epoch or date_time_completed_epoch' },
      { at: '/computer_history/commands/completed/1/completed_epoch', reason: 'completed_epoch is not a millisecond count: "soon"' },
      { at: '/computer_history/commands/completed/2', reason: 'command entry is not an object' },
    ]);
    expect(outline(result.events)).toEqual([['jamf:policy:0', 'jamf.policy.run', 'info', 1_795_169_107_130]]);
  });

  it('judges pending staleness from the issue time when never pushed, and not at all without a collection time', () => {
    const doc = { commands: { pending: [{ name: 'P', issued_epoch: 1_794_909_600_000, last_push_epoch: 0 }] } };
    const stale = normalizeJamfHistory(doc, REL, CTX);
    const unknown = normalizeJamfHistory(doc, REL, { ...CTX, collectedAtMs: undefined });
    if ('error' in stale || 'error' in unknown) throw new Error('unexpected error');
    expect(stale.events[0]?.severity).toBe('warn');
    expect(unknown.events[0]?.severity).toBe('info');
  });

  it('refuses other shapes with one line', () => {
    expect(normalizeJamfHistory({ computer: {} }, REL, CTX)).toEqual({
      error: 'not a Jamf computer history (no "computer_history", "commands" or "policy_logs")',
    });
    expect(normalizeJamfHistory([], REL, CTX)).toEqual({
      error: 'not a Jamf computer history (no "computer_history", "commands" or "policy_logs")',
    });
  });

  it.each([
    ['classic-401.html', 'not JSON: looks like an HTML page (an error or login page?) — "Unauthorized: The request requires user authentication"'],
    ['history.xml', 'not JSON: an XML document <computer_history> (the Classic API answers XML unless sent Accept: application/json)'],
    ['not-json.txt', 'not JSON: starts with "u"'],
    ['empty.json', 'empty file'],
  ])('fails %s', async (name, reason) => {
    const { events, report } = await parseJamfHistoryFile(fixture(name), REL, CTX);
    expect(events).toEqual([]);
    expect(report.messages()).toEqual([`${REL}: ${reason}`]);
  });
});

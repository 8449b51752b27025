import { describe, expect, it } from 'vitest';
import type { DeviceKeys, Resolution } from '../../../src/core/identity.js';
import { runLive } from '../../../src/sources/live/run-live.js';
import { queryFor, resolveLive } from '../../../src/sources/live/resolve-live.js';
import { openLiveSession } from '../../../src/sources/live/live-session.js';
import { fleetScenario } from '../../helpers/fleet-scenario.js';
import { FAST_HTTP, startEmulators, type Emulators } from '../../helpers/live-emulators.js';

async function fleet(): Promise<Emulators> {
  return startEmulators(fleetScenario());
}

async function resolve(emu: Emulators, keys: DeviceKeys): Promise<Resolution> {
  const session = await openLiveSession(emu.settings('ssws', 'client'), { http: FAST_HTTP });
  try {
    return await resolveLive(session, keys);
  } finally {
    await session.close();
  }
}

function one(r: Resolution) {
  if (r.outcome !== 'one') throw new Error(`expected one Mac, got ${r.outcome}: ${JSON.stringify(r.answers.map((a) => a.said))}`);
  return r.identity;
}

describe('finding the Mac from what the engineer knows (emulators)', { timeout: 30_000 }, () => {
  it('--serial: one Mac, every field with the systems it came from', async () => {
    const emu = await fleet();
    const id = one(await resolve(emu, { serial: 'C02FX1TLQ6L4' }));
    expect(id.serial).toEqual({ value: 'C02FX1TLQ6L4', from: ['given', 'jamf', 'okta'] });
    expect(id.hostname?.value).toBe('alice-mbp');
    expect(id.users).toEqual([{ value: 'alice@example.com', from: ['jamf', 'okta'] }]);
    expect(id.ids['okta']?.value).toBe('guo7tlMbpAlice26x7d8');
    expect(id.ids['jamf']?.from).toEqual(['jamf']);
    expect(id.lastIp).toEqual({ value: '10.20.4.17', from: ['jamf'] });
    expect(id.disagreements).toEqual([]);
  });

  it('a serial in lower case is the same serial', async () => {
    const emu = await fleet();
    expect(one(await resolve(emu, { serial: 'c02fx1tlq6l4' })).serial?.value).toBe('C02FX1TLQ6L4');
  });

  it.each([
    ['an e-mail in another case', { user: 'Alice@Example.COM' }],
    ['a login that is not an e-mail', { user: 'alice' }],
    ['a host name with .local', { hostname: 'alice-mbp.local' }],
    ['the Okta device id', { ids: { okta: 'guo7tlMbpAlice26x7d8' } }],
  ] as [string, DeviceKeys][])('%s finds the Mac', async (_what, keys) => {
    const emu = await fleet();
    expect(one(await resolve(emu, keys)).serial?.value).toBe('C02FX1TLQ6L4');
  });

  it('the Jamf id finds the Mac', async () => {
    const emu = await fleet();
    const jamfId = one(await resolve(emu, { serial: 'C02FX1TLQ6L4' })).ids['jamf']!.value;
    expect(one(await resolve(emu, { ids: { jamf: jamfId } })).serial?.value).toBe('C02FX1TLQ6L4');
  });

  it('a user with twelve Macs: every page read, several candidates, most recent first; a host name narrows to one', async () => {
    const emu = await fleet();
    const r = await resolve(emu, { user: 'carol@example.com' });
    if (r.outcome !== 'several') throw new Error(r.outcome);
    expect(r.candidates).toHaveLength(12);
    expect(r.candidates[0]?.hostname?.value).toBe('carol-mac-11');
    expect(emu.okta.requests.filter((q) => q.path.includes('/devices?') && q.path.includes('after=')).length).toBeGreaterThan(0);
    const narrowed = one(await resolve(emu, { user: 'carol@example.com', hostname: 'carol-mac-07' }));
    expect(narrowed.serial?.value).toBe('C02LAB07Q6L4');
  });

  it('a Mac Okta has no record of: found through Jamf, Okta says so, and the System Log is still read for its user', async () => {
    const emu = await fleet();
    const r = await resolve(emu, { serial: 'C02DAVE01Q6L' });
    const id = one(r);
    expect(r.answers.find((a) => a.source === 'okta')).toMatchObject({ outcome: 'none', said: 'no device record with serial C02DAVE01Q6L' });
    expect(id.users.map((u) => u.value)).toEqual(['dave@example.com']);
    const untilMs = Date.parse(emu.scenario.meta.collectedAt);
    const { analysis } = await runLive({
      settings: emu.settings('ssws', 'client'),
      query: queryFor(id, { sinceMs: untilMs - 3_600_000, untilMs }, undefined),
      identity: { hostname: undefined, user: undefined, deviceTimeZone: undefined },
      http: FAST_HTTP,
    });
    const logs = emu.okta.requests.filter((q) => q.path.startsWith('/api/v1/logs'));
    expect(logs.length).toBeGreaterThan(0);
    expect(decodeURIComponent(logs[0]!.path)).toContain('actor.alternateId eq "dave@example.com"');
    const notFound = analysis.timeline.find((e) => e.kind === 'okta.device.not-found');
    expect(notFound?.summary).toBe('Okta has no device record for this Mac (serial C02DAVE01Q6L)');
    expect(analysis.notes.join('\n')).not.toContain('System Log not queried');
    const fact = analysis.facts.get('idp.device.record-found');
    expect(fact).toMatchObject({ state: 'known', value: false, events: [notFound] });
  });

  it('resolution and the fetch share one client per source: one Jamf token for both', async () => {
    const emu = await fleet();
    const session = await openLiveSession(emu.settings('ssws', 'client'), { http: FAST_HTTP });
    try {
      const id = one(await resolveLive(session, { serial: 'C02FX1TLQ6L4' }));
      const untilMs = Date.parse(emu.scenario.meta.collectedAt);
      const { analysis } = await runLive({ session, query: queryFor(id, { sinceMs: untilMs - 3_600_000, untilMs }, undefined), identity: { hostname: undefined, user: undefined, deviceTimeZone: undefined } });
      expect(analysis.sources.find((s) => s.name === 'jamf')?.status).toBe('ok');
    } finally {
      await session.close();
    }
    expect(emu.jamf.requests.filter((q) => q.path.endsWith('/oauth/token')).length).toBe(1);
  });

  it('a Mac Jamf has no record of: found through Okta, Jamf says so', async () => {
    const emu = await fleet();
    const r = await resolve(emu, { user: 'erin@example.com' });
    expect(one(r).serial?.value).toBe('C02ERIN01Q6L');
    expect(r.answers.find((a) => a.source === 'jamf')).toMatchObject({ outcome: 'none' });
    expect(r.answers.find((a) => a.source === 'jamf')?.asked).toEqual(['user erin@example.com', 'serial C02ERIN01Q6L']);
  });

  it('Okta and Jamf disagree on the user: both kept, said in one line', async () => {
    const emu = await fleet();
    const id = one(await resolve(emu, { user: 'bob@example.com' }));
    expect(id.serial?.value).toBe('C02FRNK01Q6L');
    expect(id.users.map((u) => `${u.value} ${u.from.join('+')}`)).toEqual(['bob@example.com given+okta', 'frank@example.com jamf']);
    expect(id.disagreements).toEqual(['the systems disagree on the user: Okta says bob@example.com; Jamf Pro says frank@example.com; the System Log is read for all of them']);
  });

  it('a wrong serial: no Mac, what each system answered, and the likely typo', async () => {
    const emu = await fleet();
    const r = await resolve(emu, { serial: 'C02FX1TLQ6LO' });
    if (r.outcome !== 'none') throw new Error(r.outcome);
    expect(r.answers.map((a) => `${a.label}: ${a.said}`)).toEqual(['Jamf Pro: no computer with serial C02FX1TLQ6LO', 'Okta: no device record with serial C02FX1TLQ6LO']);
    expect(r.suggestions).toEqual(['Apple serials have no letter O or I: try --serial C02FX1TLQ6L0']);
    const host = await resolve(emu, { serial: 'alice-mbp.local' });
    expect(host.outcome === 'none' && host.suggestions).toEqual(['alice-mbp.local looks like a host name: try --hostname alice-mbp.local']);
  });

  it('a system that fails leaves the run unresolved, never "not found"', async () => {
    const emu = await startEmulators(fleetScenario(), { okta: { faults: { serverErrors: 20 } } });
    const r = await resolve(emu, { serial: 'C02NOSUCH0Q6' });
    expect(r.outcome).toBe('unresolved');
    expect(r.answers.find((a) => a.source === 'okta')?.outcome).toBe('error');
  });
});

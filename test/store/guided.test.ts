import { describe, expect, it } from 'vitest';
import { keyScope } from '../../src/store/scope.js';
import {
  evidenceCompleteness,
  guidedDevice,
  guidedEvidence,
  guidedHypotheses,
  guidedNextProbe,
  GUIDED_STAGES,
  probesPresent,
} from '../../src/store/selectors/guided.js';
import { fixedTransport, loadScenario, loadScenarioWithout, storeFor } from '../helpers/console-fixtures.js';

const cert = await loadScenario('cert-chain-break');

describe('guided walkthrough', () => {
  it('starts from init.guided, toggles with g and moves between its five stages', () => {
    const store = storeFor(cert, { guided: true });
    expect(store.getState().guided).toBe(true);
    expect(keyScope(store.getState())).toBe('guided');
    store.getState().setGuidedStage(9);
    expect(store.getState().guidedStage).toBe(GUIDED_STAGES.length - 1);
    store.getState().setGuidedStage(-2);
    expect(store.getState().guidedStage).toBe(0);
    store.getState().toggleGuided();
    expect(store.getState().guided).toBe(false);
    expect(storeFor(cert).getState().guided).toBe(false);
  });

  it('stage 1: the device identity and its sources', () => {
    const d = guidedDevice(storeFor(cert).getState());
    expect(d.serial).toBe(cert.analysis.device.serial);
    expect(d.deviceTimeZone).toBe(cert.ctx.deviceTimeZone);
    expect(d.collectedAt).toMatch(/Z$/);
    expect(d.sources.map((x) => x.name)).toEqual(['jamf', 'okta', 'device']);
  });

  it('stage 2: what each source brought and what is missing', () => {
    const store = storeFor(cert);
    store.getState().setSourceState('okta', { state: 'error', events: 0, text: 'HTTP 403' });
    const ev = guidedEvidence(store.getState());
    expect(ev.sources.find((x) => x.name === 'okta')?.missing).toMatch(/^failed \(HTTP 403\): Okta System Log/);
    expect(ev.sources.find((x) => x.name === 'jamf')?.missing).toBeUndefined();
    expect(ev.probes.present).toContain('sntp');
    expect(ev.probes.missing).toContain('timeserver');
    expect(ev.logs.length).toBeGreaterThan(0);
    expect(probesPresent({ sources: store.getState().analysis.sources, coverage: [] })).toEqual({ present: [], missing: expect.arrayContaining(['sntp', 'date-utc']) });
  });

  it('stage 3: every hypothesis in plain words with evidence counts', () => {
    const hs = guidedHypotheses(storeFor(cert).getState());
    expect(hs[0]).toMatchObject({ rank: 1, id: 'cert-chain-break', verdict: 'likely' });
    expect(hs[0]!.explanation.length).toBeGreaterThan(20);
    expect(hs[0]!.supports).toBeGreaterThan(0);
  });

  it('stage 4: the next step of the top hypothesis and whether trustline can run it', async () => {
    // A likely cause's next step is its remedy: here a command for the engineer, not a probe.
    const certNext = guidedNextProbe(storeFor(cert).getState());
    expect(certNext).toMatchObject({ runnable: false, step: { key: 'step:fetch-okta-chain' } });
    expect(certNext.reason).toMatch(/run it yourself/);
    const unmeasured = await loadScenarioWithout('clock-skew', ['probes/sntp.txt', 'probes/date-utc.txt']);
    const chosen = storeFor(unmeasured, { transport: fixedTransport({}) });
    chosen.getState().selectHypothesis('clock-skew');
    expect(guidedNextProbe(chosen.getState())).toMatchObject({ runnable: true, step: { probe: 'sntp' }, hypothesis: expect.stringMatching(/clock/) });
  });

  it('stage 5: completeness before escalating', async () => {
    const certState = storeFor(cert).getState();
    const full = evidenceCompleteness(certState);
    expect(full.sourcesMissing).toEqual([]);
    expect(full.likely).toContain(certState.analysis.hypotheses.find((h) => h.id === 'cert-chain-break')!.title);
    const partial = await loadScenarioWithout('clock-skew', ['probes/sntp.txt', 'probes/date-utc.txt']);
    const store = storeFor(partial);
    store.getState().setSourceState('jamf', { state: 'loading', events: 0 });
    const c = evidenceCompleteness(store.getState());
    expect(c.ready).toBe(false);
    expect(c.sourcesMissing).toEqual(['jamf']);
    expect(c.probesMissing).toEqual(expect.arrayContaining(['sntp', 'date-utc']));
    expect(c.stillUnknown.length).toBeGreaterThan(0);
    expect([...c.possible, ...c.notRuledOut.map((o) => o.title)]).toContain(store.getState().analysis.hypotheses.find((h) => h.id === 'clock-skew')!.title);
    expect(full.ready).toBe(true);
    expect(full.notRuledOut.length).toBeGreaterThan(0);
  });
});

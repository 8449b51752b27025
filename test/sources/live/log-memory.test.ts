/**
 * Live System Log paging has a memory bound (issue 17, item 7): many pages of large events stop at the
 * bound, the source partial with advice on the last page read, the events read kept.
 */
import { describe, expect, it } from 'vitest';
import { runLive } from '../../../src/sources/live/run-live.js';
import { FAST_HTTP, startEmulators } from '../../helpers/live-emulators.js';

describe('System Log pages of large events', () => {
  it('stop at the memory bound: partial, one line with advice on the last page, what was read kept', async () => {
    const emu = await startEmulators('okta-policy-regression', { okta: { logPaging: { padBytes: 20_000 } } });
    const live = (maxLogText?: number) =>
      runLive({
        settings: emu.settings('ssws', 'none'),
        query: emu.query,
        identity: { hostname: undefined, user: emu.scenario.meta.user, deviceTimeZone: undefined },
        http: FAST_HTTP,
        pageLimit: 1,
        ...(maxLogText ? { maxLogText } : {}),
      });
    const whole = await live();
    const wholePages = whole.documents.filter((d) => d.rel.startsWith('okta/logs-')).length;
    expect(wholePages).toBeGreaterThan(4);

    const bounded = await live(50_000);
    const okta = bounded.analysis.sources.find((s) => s.name === 'okta')!;
    const pages = bounded.documents.filter((d) => d.rel.startsWith('okta/logs-'));
    // One event of 20,000 characters a page: the third page passes 50,000 characters.
    expect(pages).toHaveLength(3);
    expect(okta.status).toBe('partial');
    expect(okta.error).toMatch(/^okta\/logs-0003\.json: stopped after 3 System Log pages holding [\d.]+ KiB \(the memory bound\); the events read are kept\. Narrow the window with --since\/--until$/);
    expect(okta.events).toBeGreaterThan(0);
    expect(okta.events).toBeLessThan(whole.analysis.sources.find((s) => s.name === 'okta')!.events);
    const cover = bounded.analysis.coverage.find((c) => c.stream === 'idp.system-log');
    expect(cover).toMatchObject({ complete: false, why: 'stopped at the memory bound after 3 pages' });
  });
});

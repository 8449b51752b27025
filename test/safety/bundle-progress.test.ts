/**
 * Progress on long bundle reads (issue 17, item 17): the read says when it lists and every 100 files
 * it opens; the CLI shows that as one line on stderr, only on a terminal, erased at the end.
 */
import { describe, expect, it } from 'vitest';
import { progressLine } from '../../src/cli/progress-line.js';
import { analyzeBundle, PROGRESS_EVERY_FILES, type BundleProgress } from '../../src/sources/bundle/analyze-bundle.js';
import { writeTree } from '../helpers/temp-files.js';

describe('bundle read progress', () => {
  it('tells the listing, then every 100 files opened, of how many', async () => {
    const files: Record<string, string> = {};
    for (let i = 1; i <= 250; i++) files[`okta/logs-${String(i).padStart(4, '0')}.json`] = '[]';
    const seen: BundleProgress[] = [];
    const analysis = await analyzeBundle(writeTree(files), (p) => seen.push(p));
    expect(analysis.sources.find((s) => s.name === 'okta')?.status).toBe('ok');
    expect(seen[0]).toEqual({ stage: 'listing' });
    expect(seen[1]).toEqual({ stage: 'reading', files: 250, opened: 0 });
    const opened = seen.slice(2).map((p) => (p.stage === 'reading' ? p.opened : -1));
    expect(opened).toEqual([PROGRESS_EVERY_FILES, 2 * PROGRESS_EVERY_FILES]);
  });

  it('is one line rewritten in place on a terminal, erased at the end; nothing in a pipe', () => {
    const written: string[] = [];
    const tty = progressLine({ isTTY: true, write: (t: string) => written.push(t) });
    tty.bundle({ stage: 'listing' });
    tty.bundle({ stage: 'reading', files: 1_000_000, opened: 2000 });
    tty.done();
    expect(written).toEqual(['\r\x1b[2Klisting the bundle…', '\r\x1b[2Kreading the bundle: 2,000 of 1,000,000 files…', '\r\x1b[2K']);

    const piped: string[] = [];
    const pipe = progressLine({ isTTY: false, write: (t: string) => piped.push(t) });
    pipe.bundle({ stage: 'listing' });
    pipe.bundle({ stage: 'reading', files: 10, opened: 0 });
    pipe.done();
    expect(piped).toEqual([]);
  });
});

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendJournalEntry } from '../../src/io/journal-file.js';
import type { JsonValue } from '../../src/io/json-file.js';
import { isProbeName } from '../../src/sources/mac/probes/index.js';
import { analyzeJsonChunks } from '../../src/report/json-report.js';
import { makeReport } from '../../src/report/make-report.js';
import { renderMarkdown } from '../../src/report/markdown-report.js';
import { bundleProbeOutputs } from '../../src/sources/mac/recorded-outputs.js';
import { redactSecrets } from '../../src/secrets/registry.js';
import { writeBundle } from '../../src/sources/bundle/write-bundle.js';
import { safeLine } from '../../src/text/boundary.js';
import { rankAnalysis } from '../../src/diagnosis/rank-analysis.js';
import { builtinModel, loadBundle } from '../helpers/console-fixtures.js';
import { tempDir, writeTree } from '../helpers/temp-files.js';
import { expectClean, hostileCases } from './cases.js';

const ENV = { TRUSTLINE_PSEUDONYM_KEY: 'hostile-test-pseudonym-key-0001' };
const cases = hostileCases();

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((rel) => join(dir, rel))
    .filter((path) => statSync(path).isFile());
}

/** Every string in every field, through every in-process output: the JSON contract, both report forms, notes, the journal, collect. */
describe('hostile strings in exports', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const dir = writeTree(c.files);
    const loaded = await loadBundle(dir);
    const analysis = { ...loaded.analysis, hypotheses: rankAnalysis(loaded.analysis, await builtinModel()) };

    const contract = [...analyzeJsonChunks(analysis)].join('');
    expectClean(contract, `${c.name}: analyze --json`);
    expect(Object.keys(JSON.parse(contract) as object)).toEqual(['device', 'sources', 'clock', 'timeline', 'hypotheses']);
    for (const note of analysis.notes) expectClean(safeLine(note, 400), `${c.name}: note`);

    const collected = await bundleProbeOutputs(dir);
    for (const redact of [true, false]) {
      const made = await makeReport(analysis, { redact, collected, env: ENV });
      expectClean(renderMarkdown(made.report), `${c.name}: report (redact ${redact})`);
      expectClean([...analyzeJsonChunks(analysis, { text: made.text, report: made.report })].join(''), `${c.name}: JSON report (redact ${redact})`);
    }

    const journal = join(tempDir(), 'journal.ndjson');
    const h = (JSON.parse(c.files['meta.json']!) as { hostname: string }).hostname;
    appendJournalEntry(journal, { at: '2026-11-20T14:31:00.000Z', step: h, command: h, exitCode: 1, outputSha256: '0'.repeat(64), error: h });
    expectClean(readFileSync(journal, 'utf8'), `${c.name}: journal`);
    expect((JSON.parse(readFileSync(journal, 'utf8')) as { step: string }).step, 'the journal keeps the data').toBe(redactSecrets(h));

    // collect: API documents as JSON (escaped, the same data), device outputs byte for byte, and read back the same.
    const out = join(tempDir(), 'collected');
    const documents = Object.entries(c.files)
      .filter(([rel]) => rel.startsWith('okta/') || rel.startsWith('jamf/'))
      .map(([rel, text]) => ({ rel, json: JSON.parse(text) as JsonValue }));
    const device = Object.entries(c.files).filter(([rel]) => rel.startsWith('device/') && (!rel.startsWith('device/probes/') || isProbeName(rel.replace(/^device\/probes\/|\.txt$/g, ''))));
    await writeBundle(out, loaded.ctx, [...documents, ...device.map(([rel, text]) => ({ rel, text }))], []);
    for (const path of filesUnder(out)) {
      const rel = relative(out, path);
      const text = readFileSync(path, 'utf8');
      if (rel.endsWith('.json')) expectClean(text, `${c.name}: collected ${rel}`);
      // Byte for byte: what the UTF-8 of the text is (a lone surrogate has no UTF-8 and is written as U+FFFD).
      else expect(text, `${c.name}: ${rel} kept byte for byte`).toBe(Buffer.from(c.files[rel]!, 'utf8').toString('utf8'));
    }
    // Read back the same, except U+FEFF: @streamparser/json drops it inside strings, raw or escaped, depending on its neighbours.
    const summaries = (l: typeof loaded) => l.analysis.timeline.map((e) => e.summary.replace(/[\ufeff ]/g, ''));
    expect(summaries(await loadBundle(out))).toEqual(summaries(loaded));
  }, 30_000);
});

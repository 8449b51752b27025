import { readFile } from 'node:fs/promises';
import type { SourceAdapter } from '../../../src/core/adapter.js';
import { emptyFacts, known, unknown } from '../../../src/core/fact-table.js';
import { genericKindMapper, type KindDeclaration } from '../../../src/core/kinds.js';
import { FileReport } from '../../../src/model/file-report.js';
import type { TimelineEvent } from '../../../src/model/event.js';
import { fileCoverage } from '../../../src/sources/coverage.js';
import * as z from '../../../src/config/zod.js';
import { pick } from '../../../src/config/settings-fields.js';

/**
 * A fourth source that exists only in the tests: an imaginary MDM ("Acme") with its own bundle folder
 * (acme/checkins.json: [{"at": ISO time, "what": text, "managed": boolean}]), kinds, facts and key.
 * It is registered with the test-only hook; no file outside this folder knows it.
 */
const KINDS: readonly KindDeclaration[] = [{ kind: 'acme.checkin', generic: 'mdm.checkin', stream: 'mdm.inventory' }];
const generic = genericKindMapper(KINDS);
const SOURCE = { id: 'acme', role: 'mdm', kinds: KINDS } as const;

interface AcmeState {
  managed: boolean | undefined;
}

export const acmeAdapter: SourceAdapter<AcmeState> = {
  id: 'acme',
  role: 'mdm',
  label: 'Acme MDM',
  letter: 'A',
  shows: 'Acme MDM: check-ins',
  bundle: { folder: 'acme', owns: (rel) => rel === 'acme/checkins.json' },
  kinds: KINDS,
  facts: [{ name: 'acme.managed', type: 'boolean', description: 'Acme manages the Mac' }],
  async readBundle(files) {
    const events: TimelineEvent[] = [];
    const reports: FileReport[] = [];
    let managed: boolean | undefined;
    for (const f of files) {
      const report = new FileReport(f.rel);
      reports.push(report);
      const rows = JSON.parse(await readFile(f.path, 'utf8')) as { at: string; what: string; managed: boolean }[];
      rows.forEach((row, i) => {
        managed = row.managed;
        events.push({ id: `acme:${i}`, epochMs: Date.parse(row.at), originalTime: row.at, source: 'acme', kind: 'acme.checkin', generic: generic('acme.checkin'), severity: 'info', summary: row.what, keys: {}, raw: { file: f.rel, pointer: `/${i}` }, fields: { managed: row.managed } });
      });
    }
    return {
      name: 'acme',
      present: files.length > 0,
      events,
      reports,
      state: { managed },
      coverage: files.length > 0 ? [fileCoverage({ source: SOURCE, stream: 'mdm.inventory', events, reports, snapshot: true })] : [],
    };
  },
  deriveFacts(input) {
    const facts = emptyFacts();
    const managed = input.state?.managed;
    facts.values.set('acme.managed', managed === undefined ? unknown('no Acme check-in') : known(managed, input.ofKind('acme.checkin').slice(-1)));
    return facts;
  },
  identities: () => [],
  // Its config section and environment variable: the config layer composes them from the registry.
  config: {
    schema: z.strictObject({ url: z.optional(z.string()) }),
    env: ['TRUSTLINE_ACME_URL'],
    async resolve(env, section) {
      const url = pick(env, 'TRUSTLINE_ACME_URL', typeof section?.['url'] === 'string' ? section['url'] : undefined);
      return url === undefined ? undefined : { url };
    },
  },
};

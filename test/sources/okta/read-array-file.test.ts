import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FileReport } from '../../../src/model/file-report.js';
import { readOktaArrayFile } from '../../../src/sources/okta/read-array-file.js';

const PAGE = fileURLToPath(new URL('../../fixtures/okta/logs-bom.json', import.meta.url));
const EXPECTED = { arrayOf: 'LogEvents', noun: 'events' };

describe('readOktaArrayFile', () => {
  it('streams every element with its index', async () => {
    const report = new FileReport('okta/logs-bom.json');
    const indexes: number[] = [];
    await readOktaArrayFile(PAGE, report, EXPECTED, (_item, index) => indexes.push(index));
    expect(indexes).toEqual([0, 1]);
    expect(report.messages()).toEqual([]);
  });

  it('lets a programming error in the element handler escape instead of calling the file broken', async () => {
    const report = new FileReport('okta/logs-bom.json');
    const failing = readOktaArrayFile(PAGE, report, EXPECTED, (_item, index) => {
      if (index === 1) throw new TypeError('bug in a normaliser');
    });
    await expect(failing).rejects.toThrow(new TypeError('bug in a normaliser'));
    expect(report.fatal).toBeUndefined();
  });
});

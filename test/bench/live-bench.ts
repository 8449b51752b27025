import { loadScenario, scenarioDir, startJamfEmulator, startOktaEmulator } from '../../src/emulators/index.js';
import { runLive } from '../../src/sources/live/run-live.js';
import { loadDiagnosisModel } from '../../src/config/diagnosis-packs.js';
import { rankAnalysis } from '../../src/diagnosis/rank-analysis.js';
import { figure, median, type BenchFigure } from './figure.js';

const LATENCY_MS = 150;
const PAGE_LIMIT = 1;
const RUNS = 3;

/**
 * Start to ranked hypotheses with both emulators adding 150 ms to every response, against the
 * critical path: the longest chain of requests that must wait for each other, times the latency.
 * Okta: device lookup, then each System Log page after the previous (the next link). Jamf: token,
 * inventory search, then detail and MDM commands side by side (history runs beside the search).
 */
export async function benchLiveCriticalPath(): Promise<BenchFigure> {
  const scenario = await loadScenario(scenarioDir('okta-policy-regression'));
  const token = '00benchTokenForTheEmulatorOnly0000000000';
  const client = { clientId: 'bench', clientSecret: 'bench-secret' };
  const faults = { latencyMs: LATENCY_MS };
  const okta = await startOktaEmulator({ scenario, credentials: { apiTokens: [token], oauthClients: [] }, faults });
  const jamf = await startJamfEmulator({ scenario, credentials: { apiClients: [client], users: [] }, faults });
  const active = await loadDiagnosisModel({});
  const untilMs = Date.parse(scenario.meta.collectedAt);
  const ratios: number[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const before = { okta: okta.requests.length, jamf: jamf.requests.length };
      const started = performance.now();
      const { analysis } = await runLive({
        settings: {
          sources: {
            okta: { url: new URL(okta.url), auth: { kind: 'ssws', token } },
            jamf: { url: new URL(jamf.url), auth: { kind: 'client', ...client } },
          },
        },
        query: { serial: scenario.meta.serial, user: scenario.meta.user, sinceMs: untilMs - 6 * 3_600_000, untilMs },
        identity: { hostname: undefined, user: scenario.meta.user, deviceTimeZone: undefined },
        pageLimit: PAGE_LIMIT,
      });
      analysis.hypotheses = rankAnalysis(analysis, active);
      const elapsed = performance.now() - started;
      const oktaChain = okta.requests.length - before.okta; // every Okta request waits for the one before
      const jamfRequests = jamf.requests.slice(before.jamf).map((r) => r.path);
      const commandPages = jamfRequests.filter((p) => p.startsWith('/api/v2/mdm/commands')).length;
      const jamfChain = 2 + Math.max(1, commandPages);
      const critical = Math.max(oktaChain, jamfChain) * LATENCY_MS;
      ratios.push(elapsed / critical);
    }
  } finally {
    await Promise.all([okta.close(), jamf.close()]);
  }
  return figure(`3. live fetch to ranked hypotheses vs critical path (${LATENCY_MS} ms per response, Okta pages of ${PAGE_LIMIT}, median of ${RUNS})`, median(ratios), '×', 1.15);
}

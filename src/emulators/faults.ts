// Run-time fault switches: which fault, if any, the next request gets.
import type { Faults } from './types.js';

/** A fault that replaces or breaks the response; at most one hits a request, in this order. */
export type ResponseFault = 'connectionReset' | 'tooManyRequests' | 'serverErrors' | 'htmlBody' | 'truncatedBody';

const ORDER: readonly ResponseFault[] = ['connectionReset', 'tooManyRequests', 'serverErrors', 'htmlBody', 'truncatedBody'];

export interface FaultPlan {
  latencyMs: number;
  /** Wait before the headers (slowHeaders), on top of latencyMs; 0 when none. */
  slowHeadersMs: number;
  fault: ResponseFault | undefined;
  resetSeconds: number;
  serverErrorStatus: number;
}

export class FaultState {
  private faults: Faults = {};
  private remaining = new Map<ResponseFault | 'slowHeaders', number>();

  constructor(initial: Faults | undefined) {
    this.set(initial ?? {});
  }

  set(faults: Faults): void {
    this.faults = { ...faults };
    this.remaining = new Map();
    for (const name of [...ORDER, 'slowHeaders'] as const) {
      const count = faults[name];
      if (count !== undefined && count > 0) this.remaining.set(name, Math.floor(count));
    }
  }

  /** Decides the faults of one request and uses up their counts. */
  take(path: string): FaultPlan {
    const prefix = this.faults.pathPrefix;
    const matches = prefix === undefined || path.startsWith(prefix);
    const plan: FaultPlan = {
      latencyMs: Math.max(0, this.faults.latencyMs ?? 0),
      slowHeadersMs: 0,
      fault: undefined,
      resetSeconds: this.faults.resetSeconds ?? 1,
      serverErrorStatus: this.faults.serverErrorStatus ?? 503,
    };
    if (!matches) return plan;
    if (this.use('slowHeaders')) plan.slowHeadersMs = Math.max(0, this.faults.slowHeadersMs ?? 5000);
    plan.fault = ORDER.find((name) => this.use(name));
    return plan;
  }

  private use(name: ResponseFault | 'slowHeaders'): boolean {
    const left = this.remaining.get(name) ?? 0;
    if (left <= 0) return false;
    this.remaining.set(name, left - 1);
    return true;
  }
}

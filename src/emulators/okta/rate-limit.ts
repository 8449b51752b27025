// Okta rate-limit buckets: one per principal (API token or OAuth client) per endpoint family.
import type { OutgoingHttpHeaders } from 'node:http';

export type EndpointFamily = 'logs' | 'devices' | 'users' | 'other';

export interface RateLimitOptions {
  logsPerWindow?: number;
  devicesPerWindow?: number;
  usersPerWindow?: number;
  windowSeconds?: number;
}

export interface RateDecision {
  allowed: boolean;
  headers: OutgoingHttpHeaders;
}

interface Bucket {
  windowStart: number;
  used: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly windowMs: number;
  private readonly limits: Record<EndpointFamily, number>;

  constructor(options: RateLimitOptions = {}, private readonly clock: () => number = Date.now) {
    this.windowMs = (options.windowSeconds ?? 60) * 1000;
    this.limits = { logs: options.logsPerWindow ?? 60, devices: options.devicesPerWindow ?? 100, users: options.usersPerWindow ?? 600, other: 600 };
  }

  limit(family: EndpointFamily): number {
    return this.limits[family];
  }

  /** Counts one request against the bucket (unless it is already empty) and says whether it may proceed. */
  take(principal: string, family: EndpointFamily): RateDecision {
    const bucket = this.current(principal, family);
    const allowed = bucket.used < this.limits[family];
    if (allowed) bucket.used++;
    return { allowed, headers: this.headers(bucket, family) };
  }

  /** The bucket's headers without counting a request (for requests that carry no valid credential). */
  peek(principal: string, family: EndpointFamily): OutgoingHttpHeaders {
    return this.headers(this.current(principal, family), family);
  }

  private current(principal: string, family: EndpointFamily): Bucket {
    const key = `${family} ${principal}`;
    const now = this.clock();
    let bucket = this.buckets.get(key);
    if (!bucket || now >= bucket.windowStart + this.windowMs) {
      bucket = { windowStart: now, used: 0 };
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  private headers(bucket: Bucket, family: EndpointFamily): OutgoingHttpHeaders {
    const limit = this.limits[family];
    return {
      'x-rate-limit-limit': String(limit),
      'x-rate-limit-remaining': String(Math.max(0, limit - bucket.used)),
      'x-rate-limit-reset': String(Math.ceil((bucket.windowStart + this.windowMs) / 1000)),
    };
  }
}

export function familyOf(pathname: string): EndpointFamily {
  if (pathname === '/api/v1/logs') return 'logs';
  if (pathname === '/api/v1/devices' || pathname.startsWith('/api/v1/devices/')) return 'devices';
  if (pathname === '/api/v1/users' || pathname.startsWith('/api/v1/users/')) return 'users';
  return 'other';
}

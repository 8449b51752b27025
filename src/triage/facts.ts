import type { Analysis } from '../model/analysis.js';
import type { TimelineEvent } from '../model/event.js';
import type { EventIndex } from './matcher.js';

/**
 * Derived facts: what the device state says now (managed, certificates present, clock offset),
 * each with the event that shows it, so evidence built on a fact still points at the timeline.
 * A fact the evidence cannot establish is undefined ("unknown"), never false.
 */
export const FACT_NAMES = [
  'clock.offset-seconds',
  'okta-cert.count',
  'okta-cert.valid-count',
  'okta-cert.all-expired',
  'okta-cert.expired-days',
  'okta-keychain.missing',
  'jamf.record-found',
  'jamf.managed',
  'jamf.mdm-capable',
  'jamf.check-in-age-hours',
  'jamf.mdm-profile-expired',
  'jamf.profile-present',
  'jamf.management-lapsed',
  'mdm.enrolled',
  'sso.registered',
  'sso.extension',
  'okta.device-managed',
] as const;
export type FactName = (typeof FACT_NAMES)[number];

export type FactValue = boolean | number | string;

export interface Fact {
  value: FactValue;
  /** The event that shows the fact (a probe, the Jamf inventory state), when there is one. */
  event: TimelineEvent | undefined;
}

const HOUR_MS = 3_600_000;
const STALE_CHECK_IN_HOURS = 14 * 24;

/** Computes facts once per analysis; `profile-present` takes a pattern argument and is computed on demand. */
export class FactBook {
  private readonly facts = new Map<FactName, Fact>();

  constructor(
    private readonly analysis: Analysis,
    private readonly index: EventIndex,
  ) {
    this.compute();
  }

  get(name: FactName, arg?: string): Fact | undefined {
    if (name === 'jamf.profile-present') return this.profilePresent(arg);
    return this.facts.get(name);
  }

  private eventOf(kind: string): TimelineEvent | undefined {
    return this.index.ofKind(kind)[0];
  }

  private set(name: FactName, value: FactValue | undefined, kind: string): void {
    if (value !== undefined) this.facts.set(name, { value, event: this.eventOf(kind) });
  }

  private compute(): void {
    const { state, clock } = this.analysis;
    const now = this.collectedAt();
    const probes = state.probes;
    if (clock.deviceOffsetMs !== null) {
      this.set('clock.offset-seconds', Math.abs(clock.deviceOffsetMs) / 1000, clock.basis === 'sntp' ? 'device.probe.sntp' : 'device.probe.date-utc');
    }
    const certs = probes.oktaCertificates;
    if (certs) {
      const valid = certs.filter((c) => c.notAfterMs !== null && (now === undefined || c.notAfterMs > now)).length;
      this.set('okta-cert.count', certs.length, 'device.probe.okta-mtls-cert');
      this.set('okta-cert.valid-count', valid, 'device.probe.okta-mtls-cert');
      this.set('okta-cert.all-expired', certs.length > 0 && valid === 0, 'device.probe.okta-mtls-cert');
      const ends = certs.map((c) => c.notAfterMs).filter((t): t is number => t !== null);
      if (valid === 0 && ends.length > 0 && now !== undefined) {
        this.set('okta-cert.expired-days', (now - Math.max(...ends)) / (24 * HOUR_MS), 'device.probe.okta-mtls-cert');
      }
    }
    if (probes.keychain) this.set('okta-keychain.missing', probes.keychain.missing, 'device.probe.keychain-info');
    if (probes.enrollment && probes.enrollment.mdm !== null) this.set('mdm.enrolled', probes.enrollment.mdm, 'device.probe.profiles-status');
    if (probes.ssoPlatform) {
      if (probes.ssoPlatform.registered !== null) this.set('sso.registered', probes.ssoPlatform.registered, 'device.probe.app-sso-platform');
      this.set('sso.extension', probes.ssoPlatform.extensionIdentifier ?? '', 'device.probe.app-sso-platform');
    }
    const jamf = state.jamf;
    if (jamf) {
      this.set('jamf.record-found', jamf.recordsFound > 0, jamf.recordsFound === 0 ? 'jamf.inventory.not-found' : 'jamf.inventory.state');
      this.set('jamf.managed', jamf.managed, 'jamf.inventory.state');
      this.set('jamf.mdm-capable', jamf.mdmCapable, 'jamf.inventory.state');
      const checkIn = jamf.lastCheckInMs ?? jamf.lastContactMs;
      if (checkIn !== undefined && now !== undefined) {
        // A Mac that never checked in has an unbounded age: use a large number, not unknown.
        this.set('jamf.check-in-age-hours', checkIn === null ? 1e6 : (now - checkIn) / HOUR_MS, 'jamf.inventory.state');
      }
      const expires = jamf.mdmProfileExpiresMs;
      const expired = expires !== undefined && expires !== null && now !== undefined ? expires < now : undefined;
      if (expired !== undefined) this.set('jamf.mdm-profile-expired', expired, 'jamf.inventory.state');
      const age = this.facts.get('jamf.check-in-age-hours')?.value;
      // Jamf no longer manages the Mac in practice: no record, not managed, MDM profile expired, or silent for 14 days.
      const lapsed = jamf.recordsFound === 0 || jamf.managed === false || expired === true || (typeof age === 'number' && age > STALE_CHECK_IN_HOURS);
      const known = jamf.recordsFound === 0 || jamf.managed !== undefined || expired !== undefined || age !== undefined;
      if (known) this.set('jamf.management-lapsed', lapsed, jamf.recordsFound === 0 ? 'jamf.inventory.not-found' : 'jamf.inventory.state');
    }
    const okta = state.okta;
    if (okta.length > 0) {
      const managed = okta.some((d) => d.managed === true || d.users.some((u) => u.managementStatus === 'MANAGED'));
      const known = okta.some((d) => d.managed !== undefined || d.users.some((u) => u.managementStatus !== undefined));
      if (known) this.set('okta.device-managed', managed, 'okta.device.state');
    }
  }

  private collectedAt(): number | undefined {
    return this.analysis.collectedAtMs ?? undefined;
  }

  private profilePresent(pattern: string | undefined): Fact | undefined {
    const jamf = this.analysis.state.jamf;
    if (!jamf || jamf.recordsFound === 0 || !pattern) return undefined;
    const re = new RegExp(pattern, 'i');
    const profile = jamf.profiles.find((p) => re.test(p.name) || (p.identifier !== undefined && re.test(p.identifier)));
    if (!profile) return { value: false, event: this.eventOf('jamf.inventory.state') };
    const event = this.index.ofKind('jamf.profile.installed').find((e) => e.fields.profileName === profile.name);
    return { value: true, event: event ?? this.eventOf('jamf.inventory.state') };
  }
}

import { describe, expect, it } from 'vitest';
import { classifyLogLine, type LogLine } from '../../../../src/sources/mac/log/classify.js';

const line = (over: Partial<LogLine>): LogLine => ({ process: '', subsystem: '', category: '', messageType: 'Default', text: '', ...over });

describe('push delivery and Platform SSO registration lines', () => {
  it('reads apsd connection states', () => {
    expect(classifyLogLine(line({ process: 'apsd', subsystem: 'com.apple.apsd', text: 'Connected to courier 12-courier.push.apple.com' })).kind).toBe('device.push.connected');
    const failed = classifyLogLine(line({ process: 'apsd', subsystem: 'com.apple.apsd', text: 'Failed to connect to courier: connection timed out' }));
    expect(failed).toMatchObject({ kind: 'device.push.error', severity: 'error' });
    expect(classifyLogLine(line({ process: 'apsd', text: 'Topic com.apple.mgmt.External.1c2d... enabled' })).kind).toBe('device.push');
  });

  it('reads a push the MDM client rejected for its magic string (Apple DTS, "Diagnosing failed pushes")', () => {
    const r = classifyLogLine(line({ process: 'mdmclient', subsystem: 'com.apple.ManagedClient', text: 'Rejecting MDM push dictionary because it does not have the right magic string.' }));
    expect(r).toMatchObject({ kind: 'device.push.rejected', severity: 'error' });
  });

  it("reads the MDM client's answers to pushed commands (Mac-Health-Check's last-ack check)", () => {
    const ack = classifyLogLine(line({ process: 'mdmclient', subsystem: 'com.apple.ManagedClient', text: 'Received HTTP response (200) [Acknowledged(InstallProfile) 5D8E…]' }));
    expect(ack).toEqual({ kind: 'device.mdm.response', severity: 'info', fields: { mdmStatus: 'Acknowledged' } });
  });

  it('reads configuration profiles installed and removed (mdmclient MDMDaemon; message shapes from a public unified-log filter list, search-index id 46237052265, tested on macOS 12.6)', () => {
    const mdm = (text: string) => classifyLogLine(line({ process: 'mdmclient', subsystem: 'com.apple.ManagedClient', category: 'MDMDaemon', text }));
    expect(mdm('Installed configuration profile: Okta SSO (com.example.okta.sso) for <Computer> (Source: MDM)')).toMatchObject({ kind: 'device.mdm.profile-installed', severity: 'info' });
    expect(mdm('Removed configuration profile: Okta SSO (com.example.okta.sso) for <Computer> (Source: Manual)')).toMatchObject({ kind: 'device.mdm.profile-removed', severity: 'warn' });
    expect(mdm('Processing server request: DeclarativeManagement for: <Device>').kind).toBe('device.mdm');
  });

  it('reads Platform SSO registration failures (fleetdm/fleet#51666) and repairs', () => {
    const retry = classifyLogLine(line({ process: 'AppSSOAgent', subsystem: 'com.apple.AppSSO', text: 'Single Sign-On for Mac — registration failed and will automatically retry in a few minutes' }));
    expect(retry).toMatchObject({ kind: 'device.psso.registration-failed', severity: 'error' });
    const begin = classifyLogLine(line({ process: 'AppSSOAgent', subsystem: 'com.apple.AppSSO', text: '-[POLoginManager beginUserRegistrationUsingLoginManager:] result = 1' }));
    expect(begin.kind).toBe('device.psso.registration-failed');
    const handle = classifyLogLine(line({ process: 'AppSSOAgent', subsystem: 'com.apple.AppSSO', text: 'handleUserRegistrationForUser:repair:newPasswordUser:newSmartCardUser:notified:profile:' }));
    expect(handle.kind).toBe('device.psso.registration');
    // Not a registration line: an Okta Verify failure for an unregistered device stays an SSO error.
    expect(classifyLogLine(line({ process: 'Okta Verify', subsystem: 'com.okta.mobile.auth-service-extension', messageType: 'Error', text: 'Authorization request failed: device not registered' })).kind).toBe('device.sso.error');
  });

  it('reads Okta Verify being told its device record is deleted or suspended (E0000153 / E0000152)', () => {
    const deleted = classifyLogLine(line({ process: 'Okta Verify', subsystem: 'com.okta.mobile', messageType: 'Error', text: 'Request URL: https://example.okta.com/idp/authenticators Response Code: 410 Error Code: E0000153 Error Summary: Invalid device id, it no longer exists.' }));
    expect(deleted).toMatchObject({ kind: 'device.okta.device-invalid', severity: 'error', fields: { oktaErrorCode: 'E0000153', httpStatus: 410 } });
    const suspended = classifyLogLine(line({ process: 'Okta Verify', subsystem: 'com.okta.mobile', text: '"message": "ILLEGAL_DEVICE_STATE" ServerErrorCode.deviceSuspended' }));
    expect(suspended.kind).toBe('device.okta.device-invalid');
  });

  it('reads an OCSP answer that a certificate is revoked apart from a failure to get an answer', () => {
    const revoked = classifyLogLine(line({ process: 'trustd', subsystem: 'com.apple.securityd', category: 'ocsp', text: 'OCSP response for leaf Okta MTLS: status revoked (reason cessationOfOperation)' }));
    expect(revoked).toEqual({ kind: 'device.ocsp.revoked', severity: 'error', fields: {} });
    const failed = classifyLogLine(line({ process: 'trustd', subsystem: 'com.apple.securityd', category: 'ocsp', text: 'OCSP responder ocsp.example.com timed out' }));
    expect(failed.kind).toBe('device.ocsp.failure');
    // A trust evaluation that names the revocation stays a trust failure (a server's chain).
    const trust = classifyLogLine(line({ process: 'trustd', text: 'Trust evaluate failure: [leaf Revocation OCSP]' }));
    expect(trust.kind).toBe('device.trust.failure');
  });
});

/**
 * Read-only probes a runbook step can name, and the exact command each runs on the Mac (full paths:
 * zsh has a builtin `log`). The SSH source runs these; reports show them as the next command.
 */
export const PROBE_COMMANDS: Readonly<Record<string, string>> = {
  sntp: '/usr/bin/sntp time.apple.com',
  'date-utc': '/bin/date -u +%Y-%m-%dT%H:%M:%SZ',
  'profiles-status': '/usr/bin/profiles status -type enrollment',
  'okta-mtls-cert': "/usr/bin/security find-certificate -a -c 'Okta MTLS' -Z -p",
  'keychain-info': '/usr/bin/security show-keychain-info okta.keychain',
  'app-sso-platform': '/usr/bin/app-sso platform -s',
  timeserver: '/usr/sbin/systemsetup -getnetworktimeserver',
  'log-trust':
    "/usr/bin/log show --style ndjson --info --last 1h --predicate 'subsystem == \"com.apple.securityd\" OR process == \"trustd\" OR subsystem == \"com.apple.network\"'",
  'log-sso':
    "/usr/bin/log show --style ndjson --info --last 1h --predicate 'subsystem == \"com.apple.AppSSO\" OR subsystem BEGINSWITH \"com.okta\"'",
  'log-mdm':
    "/usr/bin/log show --style ndjson --info --last 1h --predicate 'subsystem == \"com.apple.ManagedClient\" OR process == \"mdmclient\"'",
  'log-clock': "/usr/bin/log show --style ndjson --info --last 1h --predicate 'process == \"timed\"'",
};

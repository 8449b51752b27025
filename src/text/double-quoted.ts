/**
 * A string literal in double quotes with backslash escapes: how Okta's SCIM filters (`search=`,
 * `filter=`) and Jamf Pro's RSQL filters quote values.
 */
export function doubleQuoted(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

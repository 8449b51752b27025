/** The incident `trustline demo` opens without --scenario (apart from demo.ts, so naming it loads no emulator). */
export const DEFAULT_SCENARIO = 'okta-policy-regression';

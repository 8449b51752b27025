import { forgetSecrets } from '../../src/secrets/registry.js';

// Unit test files share their worker's modules (isolate: false): a secret one file registered (a token
// command that printed `none`) must not mask another file's text.
forgetSecrets();

export { createConsoleStore, type ConsoleStore } from './create-console-store.js';
export { keyScope, type Scope } from './scope.js';
export type * from './types.js';

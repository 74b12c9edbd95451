/** Public surface of the Tyk emulator used by tests, benchmarks and crash tests. */
export { defaultApis, defaultPolicies, TEST_ORG } from './defaults.js';
export { startTykEmulator } from './start.js';
export type * from './types.js';

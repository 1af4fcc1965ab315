import type { Config } from 'jest';
import base, { serverIntegration, serverUnit } from './jest.config';

// `npm run mutation` runs the server's unit and integration tests as ONE flat Jest config: Stryker's
// Jest runner finds no tests through `projects`, and the client and browser projects exercise none of
// the mutated server code anyway. Everything but the test patterns comes from the integration project,
// so the two cannot drift apart.
const patterns = (p: Config): string[] => ([] as string[]).concat(p.testMatch ?? []);

// These files only drive the built server (server/dist) in child processes. A mutant lives in the
// sandbox's instrumented sources and is switched on inside the Jest worker, so a child process never
// runs it: these tests could not kill anything and would only lengthen the dry run. Files that also
// start the app in-process (key-rotation, bulk-import, linear-validation, …) stay.
const ONLY_BUILT_SERVER = [
  'draining',
  'seed-loader',
  'two-serve-processes',
  'web-concurrency',
  'bench-smoke',
].map((name) => `/integration/${name}\\.int\\.test\\.ts$`);

// These read the built SPA (client/dist), which Stryker's sandbox lacks: it copies only what git does
// not ignore. Their subject (the HTTP headers) is in no mutated folder.
const NEEDS_BUILT_SPA = ['browser-headers'].map((name) => `/integration/${name}\\.int\\.test\\.ts$`);

const config: Config = {
  testTimeout: base.testTimeout,
  testEnvironment: 'node',
  rootDir: 'server',
  testMatch: [...patterns(serverUnit), ...patterns(serverIntegration)],
  testPathIgnorePatterns: ['/node_modules/', ...ONLY_BUILT_SERVER, ...NEEDS_BUILT_SPA],
  transform: serverIntegration.transform,
  setupFiles: serverIntegration.setupFiles,
  globalSetup: serverIntegration.globalSetup,
};
export default config;

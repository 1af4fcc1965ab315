import type { Config } from 'jest';
import base, { serverIntegration, serverUnit } from './jest.config';

// `npm run mutation` runs the server's unit and integration tests as ONE flat Jest config: Stryker's
// Jest runner finds no tests through `projects`, and the client and browser projects exercise none of
// the mutated server code anyway. Everything but the test patterns comes from the integration project,
// so the two cannot drift apart.
const patterns = (p: Config): string[] => ([] as string[]).concat(p.testMatch ?? []);

const config: Config = {
  testTimeout: base.testTimeout,
  testEnvironment: 'node',
  rootDir: 'server',
  testMatch: [...patterns(serverUnit), ...patterns(serverIntegration)],
  transform: serverIntegration.transform,
  setupFiles: serverIntegration.setupFiles,
  globalSetup: serverIntegration.globalSetup,
};
export default config;

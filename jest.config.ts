import type { Config } from 'jest';

// Legacy decorators + decorator metadata: type-graphql and TypeORM read the emitted design types.
const swcServer: [string, Record<string, unknown>] = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
const swcClient: [string, Record<string, unknown>] = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];


export const serverUnit: Config = {
  displayName: 'server-unit',
  testEnvironment: 'node',
  rootDir: '<rootDir>/server',
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/unit/**/*.test.ts'],
  testPathIgnorePatterns: ['\\.int\\.test\\.ts$'],
  transform: { '^.+\\.ts$': swcServer },
  setupFiles: ['reflect-metadata'],
};

export const serverIntegration: Config = {
  displayName: 'server-integration',
  testEnvironment: 'node',
  rootDir: '<rootDir>/server',
  testMatch: ['<rootDir>/test/**/*.int.test.ts'],
  transform: { '^.+\\.ts$': swcServer },
  setupFiles: ['reflect-metadata'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testTimeout: 60_000,
};

const config: Config = {
  // testTimeout is a global option: inside a project Jest ignores it.
  testTimeout: 60_000,
  projects: [
    serverUnit,
    serverIntegration,
    {
      displayName: 'client',
      testEnvironment: 'jsdom',
      rootDir: '<rootDir>/client',
      testMatch: ['<rootDir>/src/**/*.test.tsx', '<rootDir>/src/**/*.test.ts'],
      transform: { '^.+\\.tsx?$': swcClient },
      setupFilesAfterEnv: ['<rootDir>/src/test/setup.ts'],
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      rootDir: '<rootDir>/e2e',
      testMatch: ['<rootDir>/**/*.spec.ts'],
      transform: { '^.+\\.ts$': swcServer },
      testTimeout: 120_000,
    },
  ],
};

export default config;

// `npm run mutation`: StrykerJS over the security rules (docs/SECURITY.md, "Mutation testing").
// Not part of `npm test`: a first run takes tens of minutes on two cores; later runs reuse the
// results of unchanged code through the incremental file, which is committed for that reason.
const SECURITY_RULES = [
  'server/src/sign-in/**/*.ts',
  'server/src/auth/**/*.ts',
  'server/src/two-factor/**/*.ts',
  'server/src/rate-limits/**/*.ts',
  'server/src/lib/phone-number.ts',
  'server/src/lib/identity-key.ts',
  'server/src/lib/client-ip.ts',
  'server/src/lib/tokens.ts',
];
// GraphQL type declarations, entities and tests hold no rule to mutate.
const NOT_RULES = ['!server/src/**/*.test.ts', '!server/src/**/*.types.ts', '!server/src/**/*.entity.ts'];

export default {
  packageManager: 'npm',
  testRunner: 'jest',
  jest: { projectType: 'custom', configFile: 'jest.mutation.config.ts', enableFindRelatedTests: false },
  checkers: ['typescript'],
  tsconfigFile: 'server/tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: [...(process.env.MUTATE ? process.env.MUTATE.split(',') : SECURITY_RULES), ...NOT_RULES],
  coverageAnalysis: 'perTest',
  ignoreStatic: true,
  concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 2),
  incremental: true,
  incrementalFile: 'server/test/mutation/stryker-incremental.json',
  tempDirName: 'test-output/stryker-tmp',
  cleanTempDir: 'always',
  timeoutMS: 30_000,
  dryRunTimeoutMinutes: 30,
  plugins: ['@stryker-mutator/*', './server/test/mutation/append-reporter.mjs'],
  reporters: ['clear-text', 'progress-append-only', 'html', 'json', 'append'],
  htmlReporter: { fileName: 'test-output/mutation/index.html' },
  jsonReporter: { fileName: 'test-output/mutation/mutation.json' },
  thresholds: { high: 90, low: 75, break: null },
};

import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Types for every operation in src/, generated from the server's committed schema. Run
 * `npm run codegen -w client` after changing an operation or the schema; src/gql/codegen.test.ts fails
 * when what is committed differs from what this config generates.
 */
const config: CodegenConfig = {
  schema: '../schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**', '!src/**/*.test.{ts,tsx}'],
  ignoreNoDocuments: false,
  generates: {
    // CODEGEN_OUT: the freshness test generates into a temporary folder and compares.
    [process.env['CODEGEN_OUT'] ?? 'src/gql/']: {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        skipTypename: false,
        scalars: { DateTime: 'string' },
      },
    },
  },
};

export default config;

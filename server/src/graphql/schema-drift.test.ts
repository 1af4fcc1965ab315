import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { printSchema } from 'graphql';
import { buildAppSchema } from './schema';

/** schema.graphql is what clients and codegen read: it must be exactly what the server builds. */
it('schema.graphql at the repository root matches the schema the server builds (run `npm run schema`)', () => {
  const committed = readFileSync(join(__dirname, '..', '..', '..', 'schema.graphql'), 'utf8');
  expect(committed).toBe(`${printSchema(buildAppSchema())}\n`);
});

import { printSchema } from 'graphql';
import { buildAppSchema } from '../graphql/schema';

/** Prints the schema SDL; `npm run schema` writes it to schema.graphql. */
process.stdout.write(`${printSchema(buildAppSchema())}\n`);

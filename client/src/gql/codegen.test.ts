/**
 * @jest-environment node
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLIENT = join(__dirname, '..', '..');
const COMMITTED = __dirname;
/** The CLI's own bin, found from wherever npm put the package. */
function codegenBin(): string {
  const main = require.resolve('@graphql-codegen/cli', { paths: [CLIENT] });
  return join(main.slice(0, main.lastIndexOf(join('@graphql-codegen', 'cli')) + join('@graphql-codegen', 'cli').length), 'esm', 'bin.js');
}

/**
 * The committed src/gql/ must be what codegen makes from ../schema.graphql and the operations in src/
 * today: a schema change or an edited operation without `npm run codegen -w client` fails here. Codegen
 * runs in a child process (it is ESM-heavy) into a temporary folder, and the files are compared.
 */
describe('generated GraphQL types', () => {
  it('are current with schema.graphql and the operations', () => {
    const out = mkdtempSync(join(tmpdir(), 'codegen-'));
    try {
      execFileSync(process.execPath, [codegenBin(), '--config', 'codegen.ts', '--silent'], {
        cwd: CLIENT,
        env: { ...process.env, CODEGEN_OUT: `${out}/` },
        stdio: 'pipe',
        timeout: 60_000,
      });
      const generated = readdirSync(out).sort();
      expect(readdirSync(COMMITTED).filter((f) => !f.endsWith('.test.ts')).sort()).toEqual(generated);
      for (const file of generated) {
        const fresh = readFileSync(join(out, file), 'utf8');
        const committed = readFileSync(join(COMMITTED, file), 'utf8');
        if (fresh !== committed) throw new Error(`client/src/gql/${file} is out of date: run \`npm run codegen -w client\` and commit the result`);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 90_000);
});

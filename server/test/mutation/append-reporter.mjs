// A Stryker reporter that appends each mutant's result to test-output/mutation/results.jsonl as soon
// as it is known. Stryker's own reports are written only when a run ends; a first run over all the
// security rules takes hours on two cores, and a run stopped early would otherwise leave nothing.
// `node scripts/mutation-score.mjs` turns the file into a score per folder (docs/SECURITY.md,
// Mutation testing).
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { PluginKind, declareClassPlugin } from '@stryker-mutator/api/plugin';

const FILE = 'test-output/mutation/results.jsonl';

class AppendReporter {
  constructor() {
    mkdirSync(dirname(FILE), { recursive: true });
    writeFileSync(FILE, '');
  }

  onMutantTested(result) {
    const { id, fileName, mutatorName, replacement, location, status, killedBy, statusReason } = result;
    const line = { id, fileName, mutatorName, replacement, line: location.start.line, status, killedBy, statusReason };
    appendFileSync(FILE, `${JSON.stringify(line)}\n`);
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, 'append', AppendReporter)];

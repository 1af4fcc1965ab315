// Mutation score per folder from test-output/mutation/results.jsonl (written by the append reporter
// while `npm run mutation` runs, so a run stopped early still counts what it tested). The score is
// Stryker's: detected (killed or timed out) over detected + survived + not covered; mutants that did
// not compile or were ignored do not count. Survivors are listed with their file, line and change.
import { readFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';

const file = process.argv[2] ?? 'test-output/mutation/results.jsonl';
const results = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const folders = new Map();
const survivors = [];
for (const r of results) {
  const folder = dirname(relative(process.cwd(), r.fileName));
  const f = folders.get(folder) ?? { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, other: 0 };
  if (r.status in f) f[r.status] += 1;
  else f.other += 1;
  folders.set(folder, f);
  if (r.status === 'Survived' || r.status === 'NoCoverage') survivors.push(r);
}
const score = (f) => {
  const detected = f.Killed + f.Timeout;
  const total = detected + f.Survived + f.NoCoverage;
  return total === 0 ? 'n/a' : `${((100 * detected) / total).toFixed(1)} %`;
};
console.log('| folder | killed | timed out | survived | no coverage | not counted | score |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const [folder, f] of [...folders].sort()) {
  console.log(`| ${folder} | ${f.Killed} | ${f.Timeout} | ${f.Survived} | ${f.NoCoverage} | ${f.other} | ${score(f)} |`);
}
console.log(`\n${results.length} mutants tested`);
for (const s of survivors) {
  console.log(`${s.status}: ${relative(process.cwd(), s.fileName)}:${s.line} ${s.mutatorName} -> ${JSON.stringify(s.replacement).slice(0, 120)}`);
}

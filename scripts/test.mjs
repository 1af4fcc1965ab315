#!/usr/bin/env node
// `npm test`: the whole suite (README: the two commands).
//
//   1. checks that a MySQL/MariaDB answers at TEST_DATABASE_URL (integration tests need one);
//   2. checks for headless Chromium at CHROMIUM_PATH (browser end-to-end tests need one): without it
//      the e2e project is skipped with a loud warning, or the run fails when E2E_REQUIRED=1;
//   3. type-checks every TypeScript project (npm run typecheck), unless SKIP_TYPECHECK=1;
//   4. builds the app when the e2e tests will run (they drive the built app), unless SKIP_BUILD=1;
//   5. runs jest, streaming its output, with any extra arguments (`npm test -- server/src/x.test.ts`);
//   6. reads jest's JSON report and ends with exactly one line `tests: N passed, N failed`.
//
// Exit status: 0 only when at least one test ran and nothing failed.

import { spawn } from 'node:child_process';
import { accessSync, constants as fsConstants, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const JEST_BIN = path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'jest.cmd' : 'jest');
const RESULTS_FILE = path.join(ROOT, 'test-output', 'jest-results.json');
const DB_TIMEOUT_MS = 5_000;
const DEFAULT_TEST_DATABASE_URL = 'mysql://root@127.0.0.1:3306';
const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';
const NON_E2E_PROJECTS = ['server-unit', 'server-integration', 'client'];

const startedAt = process.hrtime.bigint();
const extraArgs = process.argv.slice(2);
const testDatabaseUrl = process.env.TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL;
const chromiumPath = process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM_PATH;
const e2eRequired = process.env.E2E_REQUIRED === '1' || process.env.E2E_REQUIRED === 'true';
const skipBuild = process.env.SKIP_BUILD === '1' || process.env.SKIP_BUILD === 'true';

// ---------------------------------------------------------------------------------------------------
// Output helpers

function elapsed() {
  const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${(seconds - minutes * 60).toFixed(1)} s`;
}

/** The last lines of every run, whatever happened: wall time, then the count line. */
function finish(passed, failed, { notes = [] } = {}) {
  for (const note of notes) console.log(note);
  console.log(`elapsed: ${elapsed()}`);
  console.log(`tests: ${passed} passed, ${failed} failed`);
  process.exit(failed > 0 || passed === 0 ? 1 : 0);
}

/** Stop before jest ran: explain, then the count line with one failure. */
function abort(message) {
  console.error('');
  console.error(message);
  console.error('');
  finish(0, 1);
}

function banner(lines) {
  const inner = Math.max(...lines.map((l) => l.length));
  const rule = '!'.repeat(inner + 6);
  return [rule, ...lines.map((l) => `!! ${l.padEnd(inner)} !!`), rule].join('\n');
}

/** The URL as it may be shown: without its password. */
function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '****';
    return u.toString();
  } catch {
    return url;
  }
}

// ---------------------------------------------------------------------------------------------------
// 1. MySQL / MariaDB

function tcpConnect(host, port, timeoutMs) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const fail = (err) => {
      socket.destroy();
      reject(err);
    };
    socket.setTimeout(timeoutMs, () => fail(new Error(`no answer within ${timeoutMs / 1000} s`)));
    socket.once('error', fail);
    socket.once('connect', () => {
      socket.end();
      resolve();
    });
  });
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function describeError(err) {
  if (!err) return 'unknown error';
  const code = err.code && !String(err.message).includes(err.code) ? `${err.code}: ` : '';
  return `${code}${err.message || String(err)}`.trim();
}

/** Resolves to undefined when the server answers `SELECT 1`, else to a one-line reason. */
async function checkDatabase(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return 'it is not a valid URL (expected mysql://user:password@host:port)';
  }
  if (u.protocol !== 'mysql:') return `its scheme is "${u.protocol}", expected "mysql:"`;
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1';
  const port = Number(u.port || 3306);

  try {
    await tcpConnect(host, port, DB_TIMEOUT_MS);
  } catch (err) {
    return `TCP connect to ${host}:${port} failed (${describeError(err)})`;
  }

  let mysql;
  try {
    mysql = createRequire(path.join(ROOT, 'package.json'))('mysql2/promise');
  } catch (err) {
    return `the mysql2 package could not be loaded (${describeError(err)}); run \`npm install\` first`;
  }

  // The server is asked without a database: the integration setup creates its own schemas.
  let connection;
  try {
    connection = await withTimeout(
      mysql.createConnection({
        host,
        port,
        user: decodeURIComponent(u.username || 'root'),
        password: decodeURIComponent(u.password || ''),
        connectTimeout: DB_TIMEOUT_MS,
      }),
      DB_TIMEOUT_MS,
      'connect',
    );
    await withTimeout(connection.query('SELECT 1'), DB_TIMEOUT_MS, 'SELECT 1');
    return undefined;
  } catch (err) {
    return `${host}:${port} accepts TCP connections but \`SELECT 1\` failed (${describeError(err)})`;
  } finally {
    if (connection) connection.destroy();
  }
}

const dbProblem = await checkDatabase(testDatabaseUrl);
if (dbProblem) {
  abort(
    `No MySQL/MariaDB answered for the integration tests. Tried TEST_DATABASE_URL=${redact(testDatabaseUrl)}` +
      `${process.env.TEST_DATABASE_URL ? '' : ' (the default)'}: ${dbProblem}. ` +
      'The suite needs MySQL 8 or MariaDB 10.11+ whose user may create databases. Start one, e.g. ' +
      'on Debian/Ubuntu `sudo apt-get install -y mariadb-server && sudo service mariadb start` ' +
      '(as root without a service manager: `start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd`), ' +
      'or with Docker `docker run -d --name test-mariadb -p 3306:3306 -e MARIADB_ALLOW_EMPTY_ROOT_PASSWORD=1 mariadb:11`; ' +
      'or point TEST_DATABASE_URL at one you have, e.g. `TEST_DATABASE_URL=mysql://user:password@host:3306 npm test`.',
  );
}
console.log(`test: database answers at ${redact(testDatabaseUrl)}`);

// ---------------------------------------------------------------------------------------------------
// 2. Chromium

function chromiumProblem(file) {
  try {
    if (!statSync(file).isFile()) return `${file} is not a file`;
    accessSync(file, fsConstants.X_OK);
    return undefined;
  } catch (err) {
    return err.code === 'ENOENT' ? `${file} does not exist` : `${file} is not executable (${err.code || err.message})`;
  }
}

const browserProblem = chromiumProblem(chromiumPath);
const skipE2e = Boolean(browserProblem);
let e2eWarning;
if (browserProblem && e2eRequired) {
  abort(
    `E2E_REQUIRED=1 but no usable Chromium for the browser end-to-end tests: ${browserProblem} ` +
      `(CHROMIUM_PATH=${chromiumPath}${process.env.CHROMIUM_PATH ? '' : ', the default'}). ` +
      'Install it (Debian/Ubuntu: `apt-get install -y chromium`) or set CHROMIUM_PATH to a Chromium/Chrome binary.',
  );
}
if (browserProblem) {
  e2eWarning = banner([
    'WARNING: THE BROWSER END-TO-END TESTS ARE SKIPPED.',
    '',
    `No usable Chromium: ${browserProblem}.`,
    'This run does NOT cover the app in a real browser.',
    '',
    'To run them: apt-get install -y chromium   (Debian/Ubuntu, as root)',
    '         or: CHROMIUM_PATH=/path/to/chromium npm test',
    'Set E2E_REQUIRED=1 to make a missing browser fail the run (CI does).',
  ]);
  console.error(`\n${e2eWarning}\n`);
} else {
  console.log(`test: Chromium found at ${chromiumPath}`);
}

// ---------------------------------------------------------------------------------------------------
// 3. Build (the e2e tests run against the built app)

function run(command, args, env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', env });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.once('error', (err) => resolve({ code: null, signal: null, error: err }));
    child.once('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve({ code, signal });
    });
  });
}

const childEnv = { ...process.env, TEST_DATABASE_URL: testDatabaseUrl, CHROMIUM_PATH: chromiumPath };
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

// Jest compiles through swc and Vite does not check types: `npm run typecheck` is the only place the
// compiler reads server, tests, client, e2e and examples. A type error fails the run before Jest starts
// (SKIP_TYPECHECK=1 skips it when running a single file while editing).
if (process.env.SKIP_TYPECHECK === '1' || process.env.SKIP_TYPECHECK === 'true') {
  console.log('test: SKIP_TYPECHECK=1, types are not checked');
} else {
  console.log('test: type-checking server, tests, client, e2e and examples (npm run typecheck)');
  const typecheck = await run(npm, ['run', '-s', 'typecheck'], childEnv);
  if (typecheck.code !== 0) {
    abort('`npm run typecheck` failed: the type errors are listed above. Nothing else ran.');
  }
}

if (!skipE2e) {
  if (skipBuild) {
    console.log('test: SKIP_BUILD=1, the e2e tests use the build already in server/dist and client/dist');
  } else {
    console.log('test: building the app for the e2e tests (npm run build; SKIP_BUILD=1 skips this)');
    const build = await run(npm, ['run', 'build'], childEnv);
    if (build.code !== 0) {
      abort(
        `\`npm run build\` failed (${build.error ? describeError(build.error) : `exit ${build.code ?? build.signal}`}), ` +
          'so the end-to-end tests cannot run; see its output above.',
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// 4. Jest

// The project flags take lists, so they go first: the flags after them end the list, and the caller's
// arguments (a test path, say) can never be read as a project name.
const jestArgs = [];
if (skipE2e) {
  // With no arguments, name what runs; with the caller's own, only take e2e out of their selection.
  if (extraArgs.length === 0) jestArgs.push('--selectProjects', ...NON_E2E_PROJECTS);
  else jestArgs.push('--ignoreProjects', 'e2e');
}
jestArgs.push('--json', `--outputFile=${RESULTS_FILE}`, ...extraArgs);

mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
rmSync(RESULTS_FILE, { force: true });

const jest = await run(JEST_BIN, jestArgs, childEnv);
const jestExit = jest.error ? `could not start (${describeError(jest.error)})` : jest.signal ? `killed by ${jest.signal}` : `exit ${jest.code}`;

// ---------------------------------------------------------------------------------------------------
// 5. The count

let report;
try {
  report = JSON.parse(readFileSync(RESULTS_FILE, 'utf8'));
} catch (err) {
  console.error(`\ntest: jest wrote no readable report at ${path.relative(ROOT, RESULTS_FILE)} (${jestExit}; ${describeError(err)}).`);
  finish(0, 1, { notes: e2eWarning ? [e2eWarning] : [] });
}

const passed = report.numPassedTests ?? 0;
let failed = report.numFailedTests ?? 0;
const notes = [];

// A suite that failed outside its tests (did not compile, a hook threw, ...) counts as one failure.
const suites = Array.isArray(report.testResults) ? report.testResults : [];
const brokenSuites = suites.filter(
  (s) => s.status === 'failed' && !(s.assertionResults ?? []).some((a) => a.status === 'failed'),
);
const suiteFailures = Math.max(brokenSuites.length, report.numRuntimeErrorTestSuites ?? 0);
if (suiteFailures > 0) {
  failed += suiteFailures;
  notes.push(`test: ${suiteFailures} suite(s) failed outside their tests (did not load or run, or a hook threw):`);
  for (const s of brokenSuites) notes.push(`  - ${path.relative(ROOT, s.name)}`);
}

if (report.numTotalTests === 0 || passed + failed === 0) {
  notes.push('test: no test ran at all; that counts as a failure.');
  failed = Math.max(failed, 1);
}

if (failed === 0 && (jest.code !== 0 || report.success === false)) {
  notes.push(`test: jest reported failure (${jestExit}) although no test failed; counted as one failure.`);
  failed = 1;
}

const pending = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
if (pending > 0) notes.push(`test: ${pending} test(s) skipped or todo`);
if (e2eWarning) notes.push(e2eWarning);

finish(passed, failed, { notes });

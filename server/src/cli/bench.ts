import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { measureArgon2 } from '../bench/argon2-rate';
import { type BenchDatabase, createMysqlBenchDatabase, createSqliteBenchDatabase } from '../bench/bench-database';
import { Cleanup } from '../bench/cleanup';
import { startBenchPlivo } from '../bench/fake-plivo';
import { parseBenchOptions, type BenchOptions } from '../bench/options';
import { progress } from '../bench/progress';
import { openRawSql } from '../bench/raw-sql';
import { badFigures, type BenchFigures, checksOf, renderTable } from '../bench/report';
import { rssMb, sampleRss } from '../bench/rss';
import { benchPortal, migrateAndSeed } from '../bench/seed-portal';
import { startServerProcess } from '../bench/server-process';
import { measureFullSignIns, measureVerifyOtp, prepareChallenges, spendChallenges } from '../bench/sign-in-load';
import { prepareFloorChallenges } from '../bench/sql-floor';
import { startSqlFloorThread } from '../bench/sql-floor-thread';
import { readAnswer } from '../bench/graphql-bodies';
import { measureAtScale } from '../bench/scale-phase';
import { countRows, describeRowCounts, judgeRowCounts, pruneAsIfLater } from '../bench/row-counts';
import { loadConfig } from '../config';
import { measureSpreadSignIns, onNode } from '../bench/cluster-phase';
import { galeraInstalled, startGaleraCluster } from '../bench/galera-cluster';
import { type ClusterFigures, clusterChecks } from '../bench/report';
import { runCli } from './run';
import { serveCommand } from './serve-env';

/**
 * `npm run bench`: the sign-in hot paths of the built server, measured over HTTP beside the machine's
 * own limits (argon2id on all cores, a raw-SQL verify) in one run. See docs/PERFORMANCE.md.
 */

// Raised for the bench server only: one run texts each seeded customer more often in minutes than the
// per-customer and per-number limits allow in an hour, and those limits are not what is measured.
const RAISED_SMS_LIMITS = {
  RATE_SMS_PER_CUSTOMER_HOUR: '1000',
  RATE_SMS_PER_NUMBER_HOUR: '1000',
  RATE_SMS_PER_NUMBER_DAY: '10000',
  RATE_SMS_PER_PORTAL_HOUR: '10000000',
} as const;
const IDLE_SETTLE_MS = 1_000;

runCli(async () => {
  const options = parseBenchOptions(process.argv.slice(2), process.env);
  const cleanup = new Cleanup();
  cleanup.onSignals();
  try {
    await bench(options, cleanup);
  } finally {
    await cleanup.run();
  }
});

async function bench(options: BenchOptions, cleanup: Cleanup): Promise<void> {
  const { sizes } = options;
  const distCli = __dirname;
  const machine = {
    cores: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    loadAverageAtStart: loadavg().map((x) => Number(x.toFixed(2))),
    node: process.version,
  };
  progress(`bench ${options.quick ? '(quick: tiny sizes, figures not meaningful)' : ''} on ${options.engine}; ${machine.cores} cores, ${machine.cpu}, load average ${machine.loadAverageAtStart.join(' ')}`);

  const db: BenchDatabase = options.engine === 'mysql' ? await createMysqlBenchDatabase(process.env.TEST_DATABASE_URL) : createSqliteBenchDatabase();
  cleanup.add('drop the bench database', async () => {
    await db.drop();
    progress(`dropped ${db.label}`);
  });
  progress(`created ${db.label}`);

  const plivo = await startBenchPlivo();
  cleanup.add('stop the fake Plivo', plivo.close);

  const { portal, file } = benchPortal(sizes.customers);
  progress(`migrating, then seeding ${sizes.customers} enrolled customers (policy on) through the portal file loader, which argon2-hashes each password`);
  const seedStarted = performance.now();
  await migrateAndSeed(distCli, db.url, file);
  progress(`seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

  const serverEnv = {
    NODE_ENV: 'production',
    DATABASE_URL: db.url,
    SECRET_KEY: randomBytes(32).toString('hex'),
    SMS_PROVIDER: 'plivo',
    PLIVO_AUTH_ID: plivo.authId,
    PLIVO_AUTH_TOKEN: plivo.authToken,
    PLIVO_SENDER: '+15555550100',
    PLIVO_API_URL: plivo.url,
    TRUST_PROXY: '1',
    LOG_LEVEL: 'warn',
    DATA_DIR: db.engine === 'sqlite' ? db.label.replace(/\/[^/]*$/, '') : './data',
    // Set, not left to serve's default (one per CPU): the bench compares 1 and N workers on purpose.
    WEB_CONCURRENCY: String(options.workers),
    ...RAISED_SMS_LIMITS,
  };
  const sql = openRawSql(db);
  cleanup.add('close the bench\'s own connections', sql.close);
  const rowsBefore = await countRows(sql);

  const server = await startServerProcess(distCli, serverEnv, options.profileDir);
  cleanup.add('stop the server', server.stop);
  progress(`server up at ${server.url} (pid ${server.pid}, WEB_CONCURRENCY=${options.workers}): ${serveCommand()}, NODE_ENV=production, SMS_PROVIDER=plivo → fake Plivo at ${plivo.url}, LOG_LEVEL=warn`);
  progress('  TRUST_PROXY=1: every sign-in sends its own X-Forwarded-For address, so per-IP limits stay out of the way');
  progress(`  raised for this server only: ${Object.entries(RAISED_SMS_LIMITS).map(([k, v]) => `${k}=${v}`).join(' ')}`);

  await new Promise((r) => setTimeout(r, IDLE_SETTLE_MS));
  const idleRssMb = rssMb(server.pid);
  progress(`server idle RSS ${idleRssMb.toFixed(0)} MB`);

  progress(`argon2id verifies/s on all cores for ${sizes.argon2Seconds} s (the server's own hashPassword/verifyPassword)`);
  const argon2 = await measureArgon2(sizes.argon2Seconds);
  progress(`  ${argon2.verifiesPerSecond.toFixed(1)} verifies/s (${argon2.parameters}, ${argon2.inFlight} in flight)`);

  const rss = sampleRss(server.pid);
  const signInLength = sizes.signInRounds ? { rounds: sizes.signInRounds } : { seconds: sizes.signInSeconds };
  progress(`full sign-ins, ${'rounds' in signInLength ? `${signInLength.rounds} per client` : `for ${signInLength.seconds} s`}, ${sizes.connections} clients at once`);
  const signIns = await measureFullSignIns(server.url, plivo, portal, sizes.connections, signInLength);
  progress(`  ${signIns.signIns} sign-ins, ${signIns.signInsPerSecond.toFixed(1)}/s; unexpected answers: ${signIns.failures}`);

  progress(`preparing ${sizes.verifyRequests} challenges by logging in (${sizes.connections} at once)`);
  const ready = await prepareChallenges(server.url, plivo, portal, sizes.verifyRequests, sizes.connections);
  if (ready.failures.total) progress(`  unexpected answers: ${ready.failures}`);
  progress(`verifyOtp alone: ${ready.prepared.length} requests, ${sizes.connections} connections`);
  const verify = await measureVerifyOtp(server.url, ready.prepared, sizes.connections);
  const peak = rss.stop();
  progress(`  ${verify.load.requestsPerSecond.toFixed(1)} req/s, p99 ${verify.load.p99Ms} ms, ${verify.accepted} accepted; unexpected answers: ${verify.failures}`);
  progress(`server peak RSS ${peak.peakMb.toFixed(0)} MB (${peak.samples} samples, every 100 ms, during sign-ins and verifyOtp)`);

  const floorChallenges = await prepareFloorChallenges(sql, ready.prepared.length);
  const floor = await startSqlFloorThread(db, floorChallenges.key);
  cleanup.add('stop the floor server', floor.close);
  progress(`raw-SQL floor (its own thread, ${db.engine === 'mysql' ? 'a mysql2 pool of 10 like the server' : 'better-sqlite3'}): ${floorChallenges.prepared.length} requests, ${sizes.connections} connections, one transaction each`);
  const floorRun = await spendChallenges('floor', floor.url, floorChallenges.prepared, sizes.connections, (b) => readAnswer(b, 'verifyOtp'));
  progress(`  ${floorRun.load.requestsPerSecond.toFixed(1)} req/s, p99 ${floorRun.load.p99Ms} ms; unexpected answers: ${floorRun.failures}`);

  const rowsAfterLoad = await countRows(sql);
  const serverConfig = loadConfig(serverEnv);
  progress('pruning as every server does, with a clock past the lifetime of every row the load left (a week and a day)');
  await pruneAsIfLater(db.url, { eventRetentionDays: serverConfig.eventRetentionDays, sessionIdleSeconds: serverConfig.sessionIdleSeconds });
  const rows = judgeRowCounts(rowsBefore, rowsAfterLoad, await countRows(sql), portal.customers.length);
  progress(`  rows before load → after load → once expired: ${describeRowCounts(rows)}`);

  const scale = await measureAtScale(distCli, db.url, sql, server.url, { customers: sizes.scaleCustomers, adminRequests: sizes.adminRequests });
  const cluster = options.galera ? await measureCluster(distCli, db, serverEnv, plivo, portal, file, sizes, cleanup) : null;

  const figures: BenchFigures = {
    argon2VerifiesPerSecond: argon2.verifiesPerSecond,
    signInsPerSecond: signIns.signInsPerSecond,
    signInShareOfArgon2: signIns.signInsPerSecond / argon2.verifiesPerSecond,
    verifyOtpPerSecond: verify.load.requestsPerSecond,
    verifyOtpP99Ms: verify.load.p99Ms,
    floorPerSecond: floorRun.load.requestsPerSecond,
    floorP99Ms: floorRun.load.p99Ms,
    verifyOtpShareOfFloor: verify.load.requestsPerSecond / floorRun.load.requestsPerSecond,
    verifyOtpP99OverFloor: verify.load.p99Ms / floorRun.load.p99Ms,
    peakRssMb: peak.peakMb,
    idleRssMb,
  };
  const checks = [
    ...checksOf(figures, { argon2Parameters: argon2.parameters, cores: machine.cores, connections: sizes.connections, workers: options.workers }, rows, scale),
    ...(cluster ? clusterChecks(cluster, sizes.connections) : []),
  ];
  const unexpectedAnswers = {
    signIns: signIns.failures.toJSON(),
    prepare: ready.failures.toJSON(),
    verifyOtp: verify.failures.toJSON(),
    floor: floorRun.failures.toJSON(),
  };
  const errors = signIns.load.errors + verify.load.errors + floorRun.load.errors;
  process.stdout.write(`\n${renderTable(checks)}\n\n`);
  process.stdout.write(`${options.engine === 'mysql' ? 'MySQL/MariaDB' : 'SQLite'}, ${machine.cores} cores, ${options.workers} server worker(s); other work on the machine makes the figures noisy: compare runs on a quiet machine.\n`);
  if (options.jsonFile) {
    const json = { engine: options.engine, database: db.label, quick: options.quick, workers: options.workers, sizes, machine, figures, rowCounts: rows, scale, cluster, checks, unexpectedAnswers, connectionErrors: errors };
    writeFileSync(options.jsonFile, `${JSON.stringify(json, null, 2)}\n`);
    progress(`figures written to ${options.jsonFile}`);
  }
  const bad = badFigures(figures);
  if (bad.length) {
    process.stderr.write(`last output of the server:\n${server.output() || '(none)'}\n`);
    throw new Error(`the run measured nothing for: ${bad.join(', ')}`);
  }
}

const CLUSTER_SERVERS = 3;

/**
 * `--galera`: the same full sign-ins over three servers, first all on the bench's MariaDB, then one on
 * each node of a three-node Galera cluster started for the run (docs/OPERATIONS.md, Galera).
 */
async function measureCluster(
  distCli: string,
  db: BenchDatabase,
  serverEnv: Record<string, string>,
  plivo: Awaited<ReturnType<typeof startBenchPlivo>>,
  portal: ReturnType<typeof benchPortal>['portal'],
  file: unknown,
  sizes: BenchOptions['sizes'],
  cleanup: Cleanup,
): Promise<ClusterFigures> {
  if (!galeraInstalled()) throw new Error('--galera needs Debian\'s galera-4 and rsync: apt-get install -y galera-4 rsync');
  progress(`full sign-ins for ${sizes.clusterSeconds} s over ${CLUSTER_SERVERS} servers on one MariaDB (${db.label}), login on one and verifyOtp on the next`);
  const oneMariaDb = await measureSpreadSignIns(distCli, serverEnv, Array(CLUSTER_SERVERS).fill(db.url), plivo, portal, sizes.connections, sizes.clusterSeconds);

  progress(`starting a ${CLUSTER_SERVERS}-node Galera cluster of the bench's own`);
  const started = performance.now();
  const cluster = await startGaleraCluster(CLUSTER_SERVERS);
  cleanup.add('stop the Galera cluster', cluster.destroy);
  progress(`  synced in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const onCluster = await createMysqlBenchDatabase(cluster.urls[0]);
  progress(`migrating and seeding ${portal.customers.length} customers on ${onCluster.label}`);
  await migrateAndSeed(distCli, onCluster.url, file);
  progress(`the same sign-ins for ${sizes.clusterSeconds} s, one server on each node`);
  const urls = cluster.urls.map((node) => onNode(onCluster.url, node));
  const galera = await measureSpreadSignIns(distCli, serverEnv, urls, plivo, portal, sizes.connections, sizes.clusterSeconds);
  return { oneMariaDb, galera };
}

import type { BenchPlivo } from './fake-plivo';
import { JSON_HEADERS, loginBody, nextClientAddress, readAnswer, verifyBody } from './graphql-bodies';
import { sampleSum } from './prometheus-text';
import { progress } from './progress';
import type { BenchPortal } from './seed-portal';
import { type ServerProcess, startServerProcess } from './server-process';
import { Tally } from './tally';

/**
 * Full sign-ins spread over several app servers, each on its own database URL: the same three servers
 * on one MariaDB, then on three Galera nodes, so the two figures differ only in the database under them
 * (docs/OPERATIONS.md, Galera; docs/PERFORMANCE.md). Every sign-in logs in on one server and sends its
 * code to the next one, as a load balancer without sticky sessions would.
 */

export interface SpreadSignIns {
  readonly servers: number;
  readonly signIns: number;
  readonly seconds: number;
  readonly signInsPerSecond: number;
  readonly failures: Record<string, number>;
  /** portal_db_conflicts_total summed over the servers, by outcome (docs/OPERATIONS.md, Galera). */
  readonly conflictsRetried: number;
  readonly conflictsGivenUp: number;
}

/** A token for the bench servers' /metrics only; they and their database are gone after the run. */
export const BENCH_METRICS_TOKEN = 'bench-metrics-token-not-a-secret-0123456789';

async function conflicts(servers: readonly ServerProcess[], outcome: 'retried' | 'gave_up'): Promise<number> {
  let sum = 0;
  for (const s of servers) {
    const res = await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${BENCH_METRICS_TOKEN}` } });
    if (!res.ok) throw new Error(`${s.url}/metrics answered ${res.status}`);
    const n = sampleSum(await res.text(), 'portal_db_conflicts_total', { outcome });
    sum += Number.isNaN(n) ? 0 : n; // no series yet: nothing was counted
  }
  return sum;
}

/**
 * Starts one server per database URL (same environment otherwise), runs `connections` clients for
 * `seconds`, each signing in again and again: login on server k, verifyOtp on server k + 1. Stops the
 * servers before it returns.
 */
export async function measureSpreadSignIns(
  distCli: string,
  env: Record<string, string>,
  databaseUrls: readonly string[],
  plivo: BenchPlivo,
  portal: BenchPortal,
  connections: number,
  seconds: number,
): Promise<SpreadSignIns> {
  const servers: ServerProcess[] = [];
  try {
    for (const url of databaseUrls) {
      servers.push(await startServerProcess(distCli, { ...env, DATABASE_URL: url, METRICS_TOKEN: BENCH_METRICS_TOKEN, WEB_CONCURRENCY: '1' }));
    }
    const failures = new Tally();
    let signIns = 0;
    let nextCustomer = 0;
    let turn = 0;
    const post = async (server: ServerProcess, address: string, body: string) => {
      const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { ...JSON_HEADERS, 'x-forwarded-for': address }, body });
      return { status: res.status, body: await res.text() };
    };
    const started = performance.now();
    const until = started + seconds * 1000;
    const client = async () => {
      while (performance.now() < until) {
        // With far more customers than clients, nobody has two sign-ins in flight: their latest text is theirs.
        const customer = portal.customers[nextCustomer % portal.customers.length];
        nextCustomer += 1;
        const first = servers[turn % servers.length];
        const second = servers[(turn + 1) % servers.length];
        turn += 1;
        const address = nextClientAddress();
        const l = await post(first, address, loginBody(portal.slug, customer.username, portal.password));
        const login = readAnswer(l.body, 'login');
        const code = plivo.latestCode(customer.phone);
        if (login.typename !== 'CodeRequired' || !login.token || !code) {
          failures.add(`login ${l.status} ${login.problem ?? login.typename}`);
          continue;
        }
        const v = await post(second, address, verifyBody(login.token, code));
        const verify = readAnswer(v.body, 'verifyOtp');
        if (verify.typename === 'Authenticated') signIns += 1;
        else failures.add(`verifyOtp ${v.status} ${verify.problem ?? verify.typename}`);
      }
    };
    await Promise.all(Array.from({ length: connections }, client));
    const took = (performance.now() - started) / 1000;
    const result: SpreadSignIns = {
      servers: servers.length,
      signIns,
      seconds: took,
      signInsPerSecond: signIns / took,
      failures: failures.toJSON(),
      conflictsRetried: await conflicts(servers, 'retried'),
      conflictsGivenUp: await conflicts(servers, 'gave_up'),
    };
    progress(`  ${signIns} sign-ins in ${took.toFixed(1)} s, ${result.signInsPerSecond.toFixed(1)}/s; write conflicts retried ${result.conflictsRetried}, given up ${result.conflictsGivenUp}; unexpected answers: ${failures}`);
    return result;
  } finally {
    for (const s of servers) await s.stop();
  }
}

/** The same database on another node of a cluster: its URL with the node's host and port. */
export function onNode(databaseUrl: string, nodeUrl: string): string {
  const db = new URL(databaseUrl);
  const node = new URL(nodeUrl);
  db.host = node.host;
  return db.toString();
}

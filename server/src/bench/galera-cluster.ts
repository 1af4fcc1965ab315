import { existsSync } from 'node:fs';
import mysql from 'mysql2/promise';
import { freePort } from './server-process';
import { type OwnMariaDb, startOwnMariaDb } from './own-mariadb';

/** Debian's galera-4 package puts the provider here. */
export const GALERA_PROVIDER = '/usr/lib/galera/libgalera_smm.so';
const SYNCED_DEADLINE_MS = 90_000;
/**
 * How soon the others give up on a silent node. Until they do, the cluster holds its commits; Galera's
 * defaults (suspect after 5 s, evict after 15 s) outlast the app's 3 s statement timeout, so every
 * server would answer SERVICE_UNAVAILABLE for a while after a node dies. These notice it within about
 * a second (docs/OPERATIONS.md, Galera, gives them as the settings to run with).
 */
export const FAST_FAILURE_DETECTION =
  'evs.keepalive_period=PT0.2S;evs.inactive_check_period=PT0.2S;evs.suspect_timeout=PT1S;evs.inactive_timeout=PT1.5S;evs.install_timeout=PT1.5S';

export function galeraInstalled(): boolean {
  return existsSync(GALERA_PROVIDER);
}

/**
 * A three-node MariaDB Galera cluster of the test's own, from the installed packages (mariadb-server,
 * galera-4, rsync), on one machine: each node its own data directory, SQL port, group port
 * (gmcast.listen_addr), IST port and SST port (docs/OPERATIONS.md, Galera). The first node
 * bootstraps the cluster (--wsrep-new-cluster); the others join it and copy its data by rsync. A node
 * may be killed and started again: it then joins the cluster that went on without it.
 */
export interface GaleraCluster {
  /** mysql://root@127.0.0.1:PORT of each node, without a database. */
  readonly urls: readonly string[];
  readonly nodes: readonly OwnMariaDb[];
  /** Resolves once node `i` says it is Synced with the cluster (wsrep_local_state_comment). */
  synced(i: number): Promise<void>;
  /** How many nodes node `i` sees in its cluster (wsrep_cluster_size). */
  clusterSize(i: number): Promise<number>;
  destroy(): Promise<void>;
}

async function status(url: string, name: string): Promise<string | null> {
  const c = await mysql.createConnection({ uri: url, connectTimeout: 2000 });
  try {
    const [rows] = (await c.query('SHOW GLOBAL STATUS LIKE ?', [name])) as unknown as [Array<{ Value: string }>];
    return rows[0]?.Value ?? null;
  } finally {
    await c.end();
  }
}

export async function startGaleraCluster(size = 3): Promise<GaleraCluster> {
  const ports = await Promise.all(
    Array.from({ length: size }, async () => ({ group: await freePort(), ist: await freePort(), sst: await freePort() })),
  );
  const address = `gcomm://${ports.map((p) => `127.0.0.1:${p.group}`).join(',')}`;
  const nodeArgs = (i: number) => (firstStart: boolean) => [
    '--wsrep-on=ON',
    `--wsrep-provider=${GALERA_PROVIDER}`,
    '--wsrep-cluster-name=portal-test',
    `--wsrep-cluster-address=${address}`,
    `--wsrep-node-name=node${i + 1}`,
    `--wsrep-node-address=127.0.0.1:${ports[i].group}`,
    `--wsrep-provider-options=gmcast.listen_addr=tcp://127.0.0.1:${ports[i].group};ist.recv_addr=127.0.0.1:${ports[i].ist};gcache.size=64M;${FAST_FAILURE_DETECTION}`,
    `--wsrep-sst-receive-address=127.0.0.1:${ports[i].sst}`,
    '--wsrep-sst-method=rsync',
    '--binlog-format=ROW',
    '--innodb-autoinc-lock-mode=2',
    '--innodb-flush-log-at-trx-commit=2',
    // Only the first node's first start makes a new cluster; every other start joins one.
    ...(i === 0 && firstStart ? ['--wsrep-new-cluster'] : []),
  ];
  const nodes: OwnMariaDb[] = [];
  const synced = async (i: number) => {
    const deadline = Date.now() + SYNCED_DEADLINE_MS;
    for (;;) {
      const state = await status(nodes[i].url, 'wsrep_local_state_comment').catch(() => null);
      if (state === 'Synced') return;
      if (Date.now() > deadline) throw new Error(`galera node ${i + 1} is not Synced (${state}) after ${SYNCED_DEADLINE_MS / 1000} s`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  try {
    // One after another: a joiner copies its data from a node that is already Synced.
    for (let i = 0; i < size; i += 1) {
      nodes.push(await startOwnMariaDb({ args: nodeArgs(i), readyDeadlineMs: SYNCED_DEADLINE_MS }));
      await synced(i);
    }
  } catch (err) {
    for (const n of nodes.reverse()) await n.destroy().catch(() => undefined);
    throw err;
  }
  return {
    urls: nodes.map((n) => n.url),
    nodes,
    synced,
    clusterSize: async (i) => Number(await status(nodes[i].url, 'wsrep_cluster_size')),
    destroy: async () => {
      // The joiners leave first, so the last one to stop does not wait for a cluster that is gone.
      for (const n of [...nodes].reverse()) await n.destroy();
    },
  };
}

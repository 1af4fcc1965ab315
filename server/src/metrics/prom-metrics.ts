import cluster from 'node:cluster';
import { AggregatorRegistry, collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { scrapeThroughPrimary } from './cluster-scrape';
import { type Metrics, safeCountry, safeLabel, type Scrape } from './metrics';

/** What the database pool of this process holds right now (the composition root reads it off the driver: db/pool-stats.ts). */
export interface PoolStats {
  readonly inUse: number;
  readonly idle: number;
  readonly waiting: number;
  readonly max: number;
}

// Seconds. A sign-in step is mostly one argon2id run (about 25 ms a core) and a few statements; a
// provider call is a round trip to Plivo, bounded by PLIVO_TIMEOUT_SECONDS (at most 60).
const GRAPHQL_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const PROVIDER_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60];

/**
 * The metrics of one server process, in a registry of its own (never prom-client's global one: tests
 * run several servers in one process). In a cluster worker, a scrape asks the primary, which gathers
 * every worker's registry and sums them (docs/OPERATIONS.md, Metrics under several workers).
 */
export function createPromMetrics(pool: (() => PoolStats) | null): Metrics {
  const registry = new Registry();
  if (cluster.isWorker) {
    // prom-client answers the primary's requests for this worker's metrics once an AggregatorRegistry
    // exists in the worker; setRegistries says which registry it answers with (its default is the global one).
    void new AggregatorRegistry();
    AggregatorRegistry.setRegistries([registry]);
  }
  const registers = [registry];
  collectDefaultMetrics({ register: registry });

  const signInSteps = new Counter({
    name: 'portal_sign_in_steps_total',
    help: 'Sign-in steps answered, by step and result (the outcome, or the error code of a Problem).',
    labelNames: ['step', 'result'] as const,
    registers,
  });
  const smsSends = new Counter({
    name: 'portal_sms_sends_total',
    help: 'Code texts handed to the SMS provider, by provider, outcome and destination country (ISO region).',
    labelNames: ['provider', 'outcome', 'country'] as const,
    registers,
  });
  const providerSeconds = new Histogram({
    name: 'portal_sms_provider_duration_seconds',
    help: 'How long the SMS provider (Plivo) took to take or refuse one message, by provider and outcome.',
    labelNames: ['provider', 'outcome'] as const,
    buckets: PROVIDER_BUCKETS,
    registers,
  });
  const refusals = new Counter({
    name: 'portal_rate_limit_refusals_total',
    help: 'Requests refused by a rate limit, by the name of the limit.',
    labelNames: ['limit'] as const,
    registers,
  });
  const locks = new Counter({
    name: 'portal_account_locks_total',
    help: "Accounts whose sign-ins were locked after wrong codes: timed (RATE_CODE_LOCK_SECONDS) or until an admin's reset.",
    labelNames: ['kind'] as const,
    registers,
  });
  const graphqlSeconds = new Histogram({
    name: 'portal_graphql_request_duration_seconds',
    help: 'GraphQL requests from the start of the request to the response, by operation type.',
    labelNames: ['operation'] as const,
    buckets: GRAPHQL_BUCKETS,
    registers,
  });
  const emailNotices = new Counter({
    name: 'portal_email_notices_total',
    help: 'Attempts to send an email notice, by kind (the event type) and outcome: sent, failed (retried later), given_up.',
    labelNames: ['kind', 'outcome'] as const,
    registers,
  });
  const conflicts = new Counter({
    name: 'portal_db_conflicts_total',
    help: 'Transactions or statements that met a write conflict (1213: deadlock or Galera certification; 1205: lock wait timeout), by reason and outcome: retried, or gave_up after the last try.',
    labelNames: ['reason', 'outcome'] as const,
    registers,
  });
  if (pool) registerPoolGauges(registry, pool);

  return {
    signInStep: (step, result) => signInSteps.inc({ step, result: safeLabel(result) }),
    smsSend: ({ provider, outcome, country, seconds }) => {
      const p = safeLabel(provider);
      smsSends.inc({ provider: p, outcome, country: safeCountry(country) });
      providerSeconds.observe({ provider: p, outcome }, seconds);
    },
    rateLimitRefused: (limit) => refusals.inc({ limit: safeLabel(limit) }),
    accountLocked: (kind) => locks.inc({ kind }),
    graphqlRequest: (operation, seconds) => graphqlSeconds.observe({ operation }, seconds),
    emailNotice: (kind, outcome) => emailNotices.inc({ kind: safeLabel(kind), outcome }),
    dbConflict: (reason, outcome) => conflicts.inc({ reason, outcome }),
    scrape: async (): Promise<Scrape> =>
      cluster.isWorker ? scrapeThroughPrimary() : { contentType: registry.contentType, text: await registry.metrics() },
  };
}

/** Read at each scrape; summed across workers, since each worker has a pool of its own. */
function registerPoolGauges(registry: Registry, pool: () => PoolStats): void {
  const gauge = (name: string, help: string, read: (s: PoolStats) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read(pool()));
      },
    });
  gauge('portal_db_pool_connections_in_use', 'MySQL connections of the pool lent to a query or transaction now.', (s) => s.inUse);
  gauge('portal_db_pool_connections_idle', 'MySQL connections of the pool open and free now.', (s) => s.idle);
  gauge('portal_db_pool_requests_waiting', 'Queries waiting for a free connection of the pool now.', (s) => s.waiting);
  gauge('portal_db_pool_connections_max', 'The most connections the pool may open (10 per process).', (s) => s.max);
}

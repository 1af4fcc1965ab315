import type autocannon from 'autocannon';
import type { BenchPlivo } from './fake-plivo';
import { JSON_HEADERS, loginBody, nextClientAddress, readAnswer, verifyBody } from './graphql-bodies';
import { type LoadResult, runLoad } from './load';
import { progress } from './progress';
import type { BenchCustomer, BenchPortal } from './seed-portal';
import { Tally } from './tally';

/**
 * The customers are taken in turn. With far more customers than connections, no customer has two
 * sign-ins in flight at once, so the latest code their phone received is the one for their challenge.
 */
class CustomerRing {
  private next = 0;
  constructor(private readonly customers: readonly BenchCustomer[]) {}
  take(): BenchCustomer {
    const c = this.customers[this.next % this.customers.length] as BenchCustomer;
    this.next += 1;
    return c;
  }
}

interface SignInContext {
  customer?: BenchCustomer;
  address?: string;
  token?: string;
}

export interface FullSignIns {
  readonly signInsPerSecond: number;
  readonly signIns: number;
  readonly seconds: number;
  readonly load: LoadResult;
  readonly failures: Tally;
}

/**
 * Full sign-ins over HTTP: login (the server verifies the password and texts a code through the fake
 * Plivo), then verifyOtp with that code. Each autocannon connection is one virtual client running the
 * two requests in turn; its context carries the challenge token from one to the next.
 */
export async function measureFullSignIns(
  url: string,
  plivo: BenchPlivo,
  portal: BenchPortal,
  connections: number,
  length: { seconds: number } | { rounds: number },
): Promise<FullSignIns> {
  const ring = new CustomerRing(portal.customers);
  const failures = new Tally();
  let signIns = 0;
  const requests: autocannon.Request[] = [
    {
      method: 'POST',
      path: '/graphql',
      setupRequest: (req, context) => {
        const ctx = context as SignInContext;
        ctx.customer = ring.take();
        ctx.address = nextClientAddress();
        ctx.token = undefined;
        return {
          ...req,
          headers: { ...JSON_HEADERS, 'x-forwarded-for': ctx.address },
          body: loginBody(portal.slug, ctx.customer.username, portal.password),
        };
      },
      onResponse: (status, body, context) => {
        const answer = readAnswer(body, 'login');
        if (answer.typename === 'CodeRequired' && answer.token) (context as SignInContext).token = answer.token;
        else failures.add(`login ${status} ${answer.problem ?? answer.typename}`);
      },
    },
    {
      method: 'POST',
      path: '/graphql',
      setupRequest: (req, context) => {
        const ctx = context as SignInContext;
        const code = ctx.customer && plivo.latestCode(ctx.customer.phone);
        // A login that did not end in CodeRequired was counted above; start the next sign-in.
        if (!ctx.token || !code) return undefined as unknown as autocannon.Request;
        return { ...req, headers: { ...JSON_HEADERS, 'x-forwarded-for': ctx.address as string }, body: verifyBody(ctx.token, code) };
      },
      onResponse: (status, body) => {
        const answer = readAnswer(body, 'verifyOtp');
        if (answer.typename === 'Authenticated') signIns += 1;
        else failures.add(`verifyOtp ${status} ${answer.problem ?? answer.typename}`);
      },
    },
  ];
  // Two requests per sign-in; a login that fails does not send its verifyOtp, so a round can be short.
  const until = 'rounds' in length ? { amount: length.rounds * connections * requests.length } : { duration: length.seconds };
  const { load } = await runLoad('sign-ins', { url, connections, requests, ...until });
  return { signInsPerSecond: signIns / load.seconds, signIns, seconds: load.seconds, load, failures };
}

export interface PreparedChallenge {
  readonly token: string;
  readonly code: string;
  readonly address: string;
}

/** Logs `count` customers in (16 at a time) and keeps each challenge's token and code for verifyOtp alone. */
export async function prepareChallenges(
  url: string,
  plivo: BenchPlivo,
  portal: BenchPortal,
  count: number,
  connections: number,
): Promise<{ prepared: PreparedChallenge[]; failures: Tally }> {
  const ring = new CustomerRing(portal.customers);
  const prepared: PreparedChallenge[] = [];
  const failures = new Tally();
  let started = 0;
  const reportEvery = Math.max(1, Math.round(count / 5));
  const worker = async () => {
    while (started < count) {
      started += 1;
      const customer = ring.take();
      const address = nextClientAddress();
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { ...JSON_HEADERS, 'x-forwarded-for': address },
        body: loginBody(portal.slug, customer.username, portal.password),
      });
      const answer = readAnswer(await res.text(), 'login');
      const code = plivo.latestCode(customer.phone);
      if (answer.typename !== 'CodeRequired' || !answer.token || !code) {
        failures.add(`login ${res.status} ${answer.problem ?? answer.typename}`);
        continue;
      }
      prepared.push({ token: answer.token, code, address });
      if (prepared.length % reportEvery === 0) progress(`  prepared ${prepared.length}/${count} challenges`);
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  return { prepared, failures };
}

/** Sends each prepared challenge's code once: `prepared.length` verifyOtp requests over `connections`. */
export async function measureVerifyOtp(
  url: string,
  prepared: readonly PreparedChallenge[],
  connections: number,
): Promise<{ load: LoadResult; accepted: number; failures: Tally }> {
  return spendChallenges('verifyOtp', `${url}/graphql`, prepared, connections, (body) => readAnswer(body, 'verifyOtp'));
}

/** The same requests, the same tool and connection count, for the server and for the floor. */
export async function spendChallenges(
  name: string,
  target: string,
  prepared: readonly PreparedChallenge[],
  connections: number,
  read: (body: string) => { typename: string; problem?: string },
): Promise<{ load: LoadResult; accepted: number; failures: Tally }> {
  const failures = new Tally();
  let next = 0;
  let accepted = 0;
  const requests: autocannon.Request[] = [
    {
      method: 'POST',
      setupRequest: (req) => {
        const c = prepared[next % prepared.length] as PreparedChallenge;
        next += 1;
        return { ...req, headers: { ...JSON_HEADERS, 'x-forwarded-for': c.address }, body: verifyBody(c.token, c.code) };
      },
      onResponse: (status, body) => {
        const answer = read(body);
        if (answer.typename === 'Authenticated') accepted += 1;
        else failures.add(`${name} ${status} ${answer.problem ?? answer.typename}`);
      },
    },
  ];
  const { load } = await runLoad(name, { url: target, connections, amount: prepared.length, requests });
  return { load, accepted, failures };
}

import { PASSWORD } from './fixtures';
import type { GqlClient } from './gql-client';
import type { TestApp } from './harness';
import { clientFrom, type Result } from './sign-in-kit';
import { SoftAuthenticator } from './soft-authenticator';

/**
 * The passkey steps as tests take them, with a software authenticator (soft-authenticator.ts) in place
 * of the browser's. The server in these tests is reached at PASSKEY_PUBLIC_URL: its RP ID and origin.
 */

export const PASSKEY_PUBLIC_URL = 'https://portal.acme.test';
export const RIGHT = { origin: PASSKEY_PUBLIC_URL, rpId: 'portal.acme.test' } as const;

export const LOGIN_FOR_PASSKEY = `mutation Login($input: LoginInput!) { login(input: $input) {
  __typename
  ... on Authenticated { viewer { username } }
  ... on EnrollmentRequired { challenge { token step } }
  ... on CodeRequired { challenge { token step maskedPhone attemptsRemaining passkeyOptions } }
  ... on Problem { code message attemptsRemaining retryAfterSeconds }
} }`;

export const START_PASSKEY = `mutation { startPasskey {
  __typename
  ... on PasskeySetup { optionsJson }
  ... on Problem { code message }
} }`;

export const ADD_PASSKEY = `mutation AddPasskey($input: AddPasskeyInput!) { addPasskey(input: $input) {
  __typename
  ... on AccountFactors { factors passkeys { id synced createdAt lastUsedAt } }
  ... on Problem { code message }
} }`;

export const REMOVE_PASSKEY = `mutation RemovePasskey($input: RemovePasskeyInput!) { removePasskey(input: $input) {
  __typename
  ... on AccountFactors { factors passkeys { id } }
  ... on Problem { code message }
} }`;

export const VERIFY_PASSKEY = `mutation VerifyPasskey($input: PasskeyAssertionInput!) { verifyPasskey(input: $input) {
  __typename
  ... on Authenticated { viewer { username } }
  ... on Problem { code message attemptsRemaining retryAfterSeconds }
} }`;

async function field(c: GqlClient, query: string, name: string, variables?: Record<string, unknown>): Promise<Result> {
  const r = await c.gql(query, variables);
  if (r.body.errors || !r.body.data) throw new Error(`${name}: ${JSON.stringify(r.body)}`);
  return r.body.data[name];
}

export const startPasskey = (c: GqlClient) => field(c, START_PASSKEY, 'startPasskey');
export const addPasskey = (c: GqlClient, response: string) => field(c, ADD_PASSKEY, 'addPasskey', { input: { response } });
export const verifyPasskey = (c: GqlClient, challengeToken: string, response: string) =>
  field(c, VERIFY_PASSKEY, 'verifyPasskey', { input: { challengeToken, response } });

/** The signed-in customer of `c` registers a new software authenticator; returns it, its row id and the options it answered. */
export async function registerPasskey(c: GqlClient, key = new SoftAuthenticator()): Promise<{ key: SoftAuthenticator; id: string; optionsJson: string }> {
  const started = await startPasskey(c);
  if (started.__typename !== 'PasskeySetup') throw new Error(`startPasskey: ${JSON.stringify(started)}`);
  const added = await addPasskey(c, key.register(started.optionsJson, RIGHT));
  if (added.__typename !== 'AccountFactors') throw new Error(`addPasskey: ${JSON.stringify(added)}`);
  return { key, id: added.passkeys[added.passkeys.length - 1].id, optionsJson: started.optionsJson };
}

/** A login that stops at VERIFY_PASSKEY: its token and the assertion options it carried. */
export async function loginToPasskeyStep(app: TestApp, username: string, portal = 'acme', c = clientFrom(app)): Promise<{ token: string; options: string }> {
  const r = await field(c, LOGIN_FOR_PASSKEY, 'login', { input: { portal, username, password: PASSWORD } });
  if (r.__typename !== 'CodeRequired' || r.challenge.step !== 'VERIFY_PASSKEY') throw new Error(`${username}: expected VERIFY_PASSKEY, got ${JSON.stringify(r)}`);
  return { token: r.challenge.token, options: r.challenge.passkeyOptions };
}

/** A login's answer with its passkey fields. */
export const loginWithPasskeyFields = (c: GqlClient, username: string, portal = 'acme') =>
  field(c, LOGIN_FOR_PASSKEY, 'login', { input: { portal, username, password: PASSWORD } });


import { createHmac, randomInt, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody, reply } from '../../src/bench/fake-plivo';

/**
 * A stand-in for Plivo's REST API on 127.0.0.1, answering the one call the app makes (send a
 * message) the way Plivo does, so that tests run the real `plivo` SDK through its `url` option.
 * Signatures are computed from Plivo's documented algorithm with node:crypto, not with the SDK.
 */

export type FakePlivoMode = 'ok' | 'fail500' | 'fail400' | 'hang';

export interface FakePlivoMessage {
  readonly src: string;
  readonly dst: string;
  readonly text: string;
  readonly url?: string;
  readonly method?: string;
  readonly uuid: string;
}

export interface FakePlivo {
  /** Base URL, e.g. http://127.0.0.1:PORT: the app's PLIVO_API_URL. */
  readonly url: string;
  /** Messages Plivo accepted (202), oldest first. */
  readonly messages: FakePlivoMessage[];
  /** Authenticated send requests, whatever the mode answered. */
  readonly attempts: number;
  mode: FakePlivoMode;
  messagesTo(dst: string): FakePlivoMessage[];
  /** The six-digit code of the latest message to that number (with or without the +). */
  lastCodeFor(dst: string): string | undefined;
  /** Headers of a V3-signed POST of `params` to `url`, as Plivo would send them. */
  signWebhook(url: string, params: Readonly<Record<string, string>>, nonce?: string): Record<string, string>;
  /** Headers of a V2-signed request (URL and nonce only), as Plivo sends for messaging callbacks. */
  signWebhookV2(url: string, nonce?: string): Record<string, string>;
  close(): Promise<void>;
}

export interface FakePlivoOptions {
  readonly authId: string;
  readonly authToken: string;
}

const HTTP_ACCEPTED = 202;
const NONCE_DIGITS = 20;

export async function startFakePlivo(options: FakePlivoOptions): Promise<FakePlivo> {
  const messages: FakePlivoMessage[] = [];
  let attempts = 0;
  const state = { mode: 'ok' as FakePlivoMode };
  const messagePath = `/v1/Account/${encodeURIComponent(options.authId)}/Message/`;
  const expectedAuth = `Basic ${Buffer.from(`${options.authId}:${options.authToken}`).toString('base64')}`;

  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      if (req.method !== 'POST' || req.url !== messagePath) return reply(res, 404, { error: 'not found' });
      if (req.headers.authorization !== expectedAuth) return reply(res, 401, { error: 'authentication failed' });
      attempts += 1;
      if (state.mode === 'hang') return; // never answers; close() ends the socket
      if (state.mode === 'fail500') return reply(res, 500, { error: 'internal server error' });
      if (state.mode === 'fail400') return reply(res, 400, { error: 'invalid dst parameter' });
      const parsed = parseMessage(body);
      if (!parsed) return reply(res, 400, { error: 'src, dst and text are required' });
      const uuid = randomUUID();
      messages.push({ ...parsed, uuid });
      return reply(res, HTTP_ACCEPTED, { message: 'message(s) queued', message_uuid: [uuid] });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const digitsOf = (n: string): string => n.replace(/\D/g, '');
  const messagesTo = (dst: string): FakePlivoMessage[] => messages.filter((m) => digitsOf(m.dst) === digitsOf(dst));

  const fake: FakePlivo = {
    url: `http://127.0.0.1:${port}`,
    messages,
    get attempts() {
      return attempts;
    },
    get mode() {
      return state.mode;
    },
    set mode(mode: FakePlivoMode) {
      state.mode = mode;
    },
    messagesTo,
    lastCodeFor(dst) {
      const latest = messagesTo(dst).at(-1);
      if (!latest) return undefined;
      return (/#(\d{6})\b/.exec(latest.text) ?? /\b(\d{6})\b/.exec(latest.text))?.[1];
    },
    signWebhook: (url, params, nonce = makeNonce()) => ({
      'X-Plivo-Signature-V3': hmacBase64(options.authToken, `${v3Url(url, params)}.${nonce}`),
      'X-Plivo-Signature-V3-Nonce': nonce,
    }),
    signWebhookV2: (url, nonce = makeNonce()) => ({
      'X-Plivo-Signature-V2': hmacBase64(options.authToken, `${url.split(/[?#]/)[0]}${nonce}`),
      'X-Plivo-Signature-V2-Nonce': nonce,
    }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive sockets of the SDK and requests held open by 'hang' would keep close() waiting.
        server.closeAllConnections();
      }),
  };
  return fake;
}

function parseMessage(body: string): Omit<FakePlivoMessage, 'uuid'> | null {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null) return null;
  const { src, dst, text, url, method } = json as Record<string, unknown>;
  if (typeof src !== 'string' || typeof dst !== 'string' || typeof text !== 'string') return null;
  return {
    src,
    dst,
    text,
    ...(typeof url === 'string' ? { url } : {}),
    ...(typeof method === 'string' ? { method } : {}),
  };
}

/**
 * Plivo's V3 string for a POST: the URL with its query sorted, then the sorted form parameters as
 * name+value, with "?" before them and "." between a query and them.
 */
function v3Url(url: string, params: Readonly<Record<string, string>>): string {
  const [base = '', query = ''] = url.split('#')[0]?.split('?') ?? [];
  const sortedQuery = [...new URLSearchParams(query)]
    .sort(([k1, v1], [k2, v2]) => compare(k1, k2) || compare(v1, v2))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const names = Object.keys(params).sort();
  const tail = names.map((name) => `${name}${params[name]}`).join('');
  if (names.length === 0) return sortedQuery ? `${base}?${sortedQuery}` : base;
  return `${base}?${sortedQuery}${sortedQuery ? '.' : ''}${tail}`;
}

function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function hmacBase64(key: string, message: string): string {
  return createHmac('sha256', key).update(message).digest('base64');
}

function makeNonce(): string {
  return Array.from({ length: NONCE_DIGITS }, () => randomInt(10)).join('');
}

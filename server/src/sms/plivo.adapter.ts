import { createHmac, timingSafeEqual } from 'node:crypto';
import { Client } from 'plivo';
import { SmsDeliveryError, type SmsMessage, type SmsSender, type SmsSendResult } from './sms-sender';

/**
 * The only file that imports the `plivo` SDK (so the SDK can be swapped or upgraded in one place). Everything the SDK can throw is turned into
 * an SmsDeliveryError here, because the SDK's errors carry the whole request body (`moreInfo`: the
 * text with its code and the full number) and must never reach a log.
 */

const MS_PER_SECOND = 1000;
/** One destination only: Plivo reads `<` in `dst` as a list of recipients. */
const E164_PATTERN = /^\+[1-9]\d{6,14}$/;

export interface PlivoSmsSenderOptions {
  readonly authId: string;
  readonly authToken: string;
  /** `src`: a Plivo number or an alphanumeric sender id. */
  readonly sender: string;
  /** Base of the REST API, e.g. https://api.plivo.com (no /v1). */
  readonly apiUrl: string;
  readonly timeoutSeconds: number;
  /** Where Plivo posts delivery reports; omitted: Plivo posts none. */
  readonly statusCallbackUrl?: string;
}

export class PlivoSmsSender implements SmsSender {
  readonly name = 'plivo';
  private readonly client: Client;
  private readonly sender: string;
  private readonly timeoutMs: number;
  private readonly callbackParams: Readonly<Record<string, string>>;

  constructor(options: PlivoSmsSenderOptions) {
    // The SDK silently falls back to process.env.PLIVO_AUTH_* for empty credentials; config is the
    // only reader of the environment, so refuse instead.
    if (!options.authId || !options.authToken || !options.sender) {
      throw new Error('PlivoSmsSender needs authId, authToken and sender');
    }
    if (!(options.timeoutSeconds > 0)) throw new Error('PlivoSmsSender needs a positive timeoutSeconds');
    this.sender = options.sender;
    this.timeoutMs = options.timeoutSeconds * MS_PER_SECOND;
    this.callbackParams = options.statusCallbackUrl ? { url: options.statusCallbackUrl, method: 'POST' } : {};
    // The SDK's `url` option replaces its whole default "https://api.plivo.com/v1/Account/{authId}"
    // and then appends "/Message/", so the account path has to be part of it.
    this.client = new Client(options.authId, options.authToken, {
      url: plivoAccountUrl(options.apiUrl, options.authId),
      timeout: this.timeoutMs,
    });
  }

  async send(message: SmsMessage): Promise<SmsSendResult> {
    if (!E164_PATTERN.test(message.to)) throw new SmsDeliveryError('invalid destination number');
    let uuids: unknown;
    try {
      const response = await withDeadline(
        // The positional form: the SDK's typings do not describe its one-object form.
        this.client.messages.create(this.sender, message.to, message.text, { ...this.callbackParams }),
        this.timeoutMs,
      );
      uuids = response.messageUuid;
    } catch (error) {
      throw toDeliveryError(error);
    }
    // A 2xx means Plivo took the message. Without an id we cannot match delivery reports to it, but
    // refusing the sign-in for that would punish the customer for a bookkeeping gap.
    const first: unknown = Array.isArray(uuids) ? uuids[0] : undefined;
    return { providerMessageId: typeof first === 'string' && first !== '' ? first : null };
  }
}

function plivoAccountUrl(apiUrl: string, authId: string): string {
  return `${apiUrl.replace(/\/+$/, '')}/v1/Account/${encodeURIComponent(authId)}`;
}

/**
 * The SDK's own timeout is axios's; this bounds the whole call even if the SDK's changes meaning.
 * A late answer after the deadline is dropped (the race keeps a handler on it).
 */
function withDeadline<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SmsDeliveryError('plivo timeout')), timeoutMs);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * The SDK rejects with an Error carrying `status` when Plivo answered, and with a bare string (an
 * axios stack trace) when it did not: a timeout, a refused connection, a DNS failure.
 */
function toDeliveryError(error: unknown): SmsDeliveryError {
  if (error instanceof SmsDeliveryError) return error;
  if (typeof error === 'object' && error !== null && typeof (error as { status?: unknown }).status === 'number') {
    const status = (error as { status: number }).status;
    return new SmsDeliveryError(`plivo status ${status}`, status);
  }
  if (typeof error === 'string') {
    if (/timeout of \d+ms exceeded|ETIMEDOUT|ECONNABORTED/.test(error)) return new SmsDeliveryError('plivo timeout');
    // Only the errno name: the rest of the string names the host and holds a stack.
    const code = /\b(E[A-Z]{3,})\b/.exec(error)?.[1];
    return new SmsDeliveryError(code ? `plivo network error ${code}` : 'plivo network error');
  }
  return new SmsDeliveryError('plivo client error');
}

type HeaderValue = string | readonly string[] | undefined;
type ParamValue = string | readonly string[] | undefined;

export interface PlivoWebhookRequest {
  /** The URL Plivo was told to call (the configured callback URL), with scheme, port and query. */
  readonly url: string;
  readonly method: string;
  /** The POST body's parameters (form fields); for GET, pass {} and keep them in the url. */
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly headers: Readonly<Record<string, HeaderValue>>;
  readonly authToken: string;
}

/**
 * Checks X-Plivo-Signature-V3 (URL, sorted parameters and nonce) and, only when no V3 header came,
 * X-Plivo-Signature-V2 (URL and nonce: it does not cover the parameters). Plivo documents V2 for
 * messaging callbacks and V3 for voice.
 *
 * Written here rather than calling the SDK's validateV3Signature/validateSignature: those compare
 * with `===` (not constant time) and UTF-8-encode the URL twice. The strings signed are the SDK's
 * (dist/utils/v3Security.js, dist/utils/security.js); the tests pin them to a vector the SDK accepts.
 */
export function verifyPlivoWebhookSignature(request: PlivoWebhookRequest): boolean {
  const { authToken } = request;
  if (!authToken) return false;
  const v3Signature = header(request.headers, 'x-plivo-signature-v3');
  const v3Nonce = header(request.headers, 'x-plivo-signature-v3-nonce');
  if (v3Signature !== undefined || v3Nonce !== undefined) {
    if (!v3Signature || !v3Nonce) return false;
    const signed = v3SignedString(request.method.toUpperCase(), request.url, definedParams(request.params));
    if (signed === null) return false;
    const expected = hmacBase64(authToken, `${signed}.${v3Nonce}`);
    // Several comma-separated signatures come when more than one token may have signed.
    return v3Signature.split(',').some((candidate) => constantTimeEqual(candidate.trim(), expected));
  }
  const v2Signature = header(request.headers, 'x-plivo-signature-v2');
  const v2Nonce = header(request.headers, 'x-plivo-signature-v2-nonce');
  if (!v2Signature || !v2Nonce) return false;
  return constantTimeEqual(v2Signature, hmacBase64(authToken, `${splitUrl(request.url).base}${v2Nonce}`));
}

function header(headers: Readonly<Record<string, HeaderValue>>, lowerName: string): string | undefined {
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === lowerName) return typeof value === 'string' ? value : undefined;
  }
  return undefined;
}

function definedParams(params: Readonly<Record<string, ParamValue>>): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) out.set(key, typeof value === 'string' ? [value] : value);
  }
  return out;
}

/** scheme://host:port/path, and the raw query, as the SDK's uri-parser splits them. */
function splitUrl(url: string): { base: string; query: string } {
  const hash = url.indexOf('#');
  const withoutHash = hash < 0 ? url : url.slice(0, hash);
  const question = withoutHash.indexOf('?');
  if (question < 0) return { base: withoutHash, query: '' };
  return { base: withoutHash.slice(0, question), query: withoutHash.slice(question + 1) };
}

function v3SignedString(method: string, url: string, params: Map<string, readonly string[]>): string | null {
  const { base, query } = splitUrl(url);
  const queryParams = new Map<string, string[]>();
  for (const [key, value] of new URLSearchParams(query)) queryParams.set(key, [...(queryParams.get(key) ?? []), value]);
  if (method === 'GET') {
    for (const [key, values] of params) queryParams.set(key, [...(queryParams.get(key) ?? []), ...values]);
    const sortedQuery = sortedPairs(queryParams, '=').join('&');
    return sortedQuery ? `${base}?${sortedQuery}` : base;
  }
  if (method !== 'POST') return null;
  const sortedQuery = sortedPairs(queryParams, '=').join('&');
  const hasParams = params.size > 0;
  let signed = base;
  if (sortedQuery || hasParams) signed += `?${sortedQuery}`;
  if (sortedQuery && hasParams) signed += '.';
  return signed + sortedPairs(params, '').join('');
}

function sortedPairs(params: Map<string, readonly string[]>, joiner: string): string[] {
  return [...params.keys()]
    .sort()
    .flatMap((key) => [...(params.get(key) ?? [])].sort().map((value) => `${key}${joiner}${value}`));
}

function hmacBase64(key: string, message: string): string {
  return createHmac('sha256', key).update(message, 'utf8').digest('base64');
}

function constantTimeEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  // An HMAC-SHA256 in base64 always has the same length, so the early return leaks nothing.
  return a.length === b.length && timingSafeEqual(a, b);
}

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Plivo's message API as the bench needs it, on 127.0.0.1: the server's real plivo SDK posts to it
 * (PLIVO_API_URL), it answers 202 with a message uuid as Plivo does, and keeps only each number's
 * latest code, so that the load generator in this process can type the code a customer was sent.
 */
export interface BenchPlivo {
  readonly url: string;
  readonly authId: string;
  readonly authToken: string;
  /** Messages accepted so far. */
  readonly accepted: number;
  /** The six-digit code of the latest message to that E.164 number. */
  latestCode(e164: string): string | undefined;
  close(): Promise<void>;
}

const HTTP_ACCEPTED = 202;

export async function startBenchPlivo(): Promise<BenchPlivo> {
  const authId = 'MABENCH0000000000000';
  const authToken = `bench-${randomUUID()}`;
  const messagePath = `/v1/Account/${authId}/Message/`;
  const expectedAuth = `Basic ${Buffer.from(`${authId}:${authToken}`).toString('base64')}`;
  const codes = new Map<string, string>();
  let accepted = 0;

  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      if (req.method !== 'POST' || req.url !== messagePath) return reply(res, 404, { error: 'not found' });
      if (req.headers.authorization !== expectedAuth) return reply(res, 401, { error: 'authentication failed' });
      const message = parseMessage(body);
      if (!message) return reply(res, 400, { error: 'src, dst and text are required' });
      // The autofill line `@host #123456` names the code; the first line starts with it too.
      const code = (/#(\d{6})\b/.exec(message.text) ?? /\b(\d{6})\b/.exec(message.text))?.[1];
      if (code) codes.set(digitsOf(message.dst), code);
      accepted += 1;
      const uuid = randomUUID();
      return reply(res, HTTP_ACCEPTED, { message: 'message(s) queued', message_uuid: [uuid] });
    });
  });
  // The SDK keeps its connections alive; a short keep-alive would make it reconnect under load.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    authId,
    authToken,
    get accepted() {
      return accepted;
    },
    latestCode: (e164) => codes.get(digitsOf(e164)),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function digitsOf(n: string): string {
  return n.replace(/\D/g, '');
}

/** The whole request body as text ('' if the request breaks off). */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}

/** A JSON answer with a fresh api_id, as every Plivo answer carries one. */
export function reply(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ api_id: randomUUID(), ...body }));
}

function parseMessage(body: string): { dst: string; text: string } | null {
  try {
    const json = JSON.parse(body) as Record<string, unknown>;
    return typeof json.src === 'string' && typeof json.dst === 'string' && typeof json.text === 'string'
      ? { dst: json.dst, text: json.text }
      : null;
  } catch {
    return null;
  }
}

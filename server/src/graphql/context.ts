import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import type { SignedIn } from '../auth/session.service';
import type { Services } from '../services';

/** Who is calling, decided once per request from the session cookie or an API key. */
export type Caller =
  | { kind: 'anonymous' }
  | { kind: 'account'; signedIn: SignedIn }
  | { kind: 'apiKey'; portalId: string; keyId: string };

export interface Context {
  readonly req: Request;
  readonly res: Response;
  readonly requestId: string;
  readonly ip: string;
  readonly log: Logger;
  readonly caller: Caller;
  readonly services: Services;
}

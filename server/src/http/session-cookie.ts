import { parse, serialize } from 'cookie';
import type { Request, Response } from 'express';

/**
 * The session cookie: HttpOnly (the SPA never sees the token), SameSite=Lax, Secure on https. On https
 * the __Host- prefix also pins it to this host and path.
 */
export class SessionCookie {
  readonly name: string;
  constructor(
    private readonly secure: boolean,
    private readonly maxAgeSeconds: number,
  ) {
    this.name = secure ? '__Host-session' : 'session';
  }

  read(req: Request): string | undefined {
    const header = req.headers.cookie;
    if (!header) return undefined;
    return parse(header)[this.name];
  }

  set(res: Response, token: string): void {
    res.append(
      'Set-Cookie',
      serialize(this.name, token, { httpOnly: true, sameSite: 'lax', secure: this.secure, path: '/', maxAge: this.maxAgeSeconds }),
    );
  }

  clear(res: Response): void {
    res.append('Set-Cookie', serialize(this.name, '', { httpOnly: true, sameSite: 'lax', secure: this.secure, path: '/', maxAge: 0 }));
  }
}

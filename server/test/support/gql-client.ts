/** A GraphQL-over-HTTP client that keeps cookies like a browser, and records every response body. */
export interface GqlResponse<T = any> {
  status: number;
  headers: Headers;
  body: { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

export const allResponseBodies: string[] = [];

export class GqlClient {
  private cookies = new Map<string, string>();
  constructor(
    readonly baseUrl: string,
    private readonly extraHeaders: Record<string, string> = {},
  ) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  clearCookies(): void {
    this.cookies.clear();
  }

  /** A client with the same cookies, for a second "tab" or a replay. */
  fork(extraHeaders: Record<string, string> = this.extraHeaders, baseUrl = this.baseUrl): GqlClient {
    const c = new GqlClient(baseUrl, extraHeaders);
    c.cookies = new Map(this.cookies);
    return c;
  }

  async raw(init: RequestInit & { path?: string }): Promise<Response> {
    const headers = new Headers(init.headers);
    for (const [k, v] of Object.entries(this.extraHeaders)) headers.set(k, v);
    if (this.cookies.size) headers.set('cookie', this.cookieHeader);
    const res = await fetch(`${this.baseUrl}${init.path ?? '/graphql'}`, { ...init, headers });
    for (const sc of res.headers.getSetCookie()) {
      const [pair] = sc.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i);
      const value = pair.slice(i + 1);
      if (/max-age=0/i.test(sc) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  async gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<GqlResponse<T>> {
    const res = await this.raw({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    allResponseBodies.push(text);
    return { status: res.status, headers: res.headers, body: JSON.parse(text) };
  }
}

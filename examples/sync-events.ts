/**
 * Polls a portal's two-factor event feed with an API key and prints each new event as one JSON line.
 * The cursor of the last event seen is kept in a file, so a restart continues where it stopped:
 * nothing is missed and nothing is printed twice.
 *
 *   PORTAL_URL=http://localhost:4000 PORTAL_API_KEY=p2fa_… npx ts-node --transpile-only examples/sync-events.ts
 *
 * Settings: PORTAL_URL, PORTAL_API_KEY, CURSOR_FILE (default ./.sync-events-cursor),
 * POLL_SECONDS (default 10), ONCE=1 to read what is there and stop.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const PAGE_SIZE = 100;
const QUERY = `query Sync($after: String) {
  twoFactorEvents(first: ${PAGE_SIZE}, after: $after) {
    edges { cursor node { id type occurredAt customerId customerUsername adminUsername ip detail } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export interface FeedEvent {
  id: string;
  type: string;
  occurredAt: string;
  customerId: string | null;
  customerUsername: string | null;
  adminUsername: string | null;
  ip: string | null;
  detail: string | null;
}

/** Reads every event after `cursor`, page by page; returns them and the cursor to continue from. */
export async function fetchNewEvents(
  portalUrl: string,
  apiKey: string,
  cursor: string | null,
): Promise<{ events: FeedEvent[]; cursor: string | null }> {
  const events: FeedEvent[] = [];
  let after = cursor;
  for (;;) {
    const res = await fetch(`${portalUrl.replace(/\/$/, '')}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({ query: QUERY, variables: { after } }),
    });
    if (res.status === 429) {
      const wait = Number(res.headers.get('retry-after') ?? '5');
      await new Promise((r) => setTimeout(r, wait * 1000));
      continue;
    }
    const body = (await res.json()) as {
      data?: { twoFactorEvents: { edges: Array<{ cursor: string; node: FeedEvent }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
      errors?: Array<{ message: string; extensions?: { code?: string } }>;
    };
    if (body.errors?.length || !body.data) {
      const e = body.errors?.[0];
      throw new Error(`the portal refused the request: ${e?.extensions?.code ?? res.status} ${e?.message ?? ''}`);
    }
    const page = body.data.twoFactorEvents;
    events.push(...page.edges.map((e) => e.node));
    if (page.pageInfo.endCursor) after = page.pageInfo.endCursor;
    if (!page.pageInfo.hasNextPage) return { events, cursor: after };
  }
}

async function main(): Promise<void> {
  const portalUrl = process.env.PORTAL_URL ?? 'http://localhost:4000';
  const apiKey = process.env.PORTAL_API_KEY;
  if (!apiKey) throw new Error('set PORTAL_API_KEY (make one under Settings › API keys as a Master Admin)');
  const cursorFile = process.env.CURSOR_FILE ?? '.sync-events-cursor';
  const pollSeconds = Number(process.env.POLL_SECONDS ?? '10');
  let cursor = existsSync(cursorFile) ? readFileSync(cursorFile, 'utf8').trim() || null : null;
  for (;;) {
    const batch = await fetchNewEvents(portalUrl, apiKey, cursor);
    for (const e of batch.events) process.stdout.write(`${JSON.stringify(e)}\n`);
    if (batch.cursor && batch.cursor !== cursor) writeFileSync(cursorFile, batch.cursor);
    cursor = batch.cursor;
    if (process.env.ONCE === '1') return;
    await new Promise((r) => setTimeout(r, pollSeconds * 1000));
  }
}

if (require.main === module) {
  main().catch((err: Error) => {
    process.stderr.write(`sync-events: ${err.message}\n`);
    process.exit(1);
  });
}

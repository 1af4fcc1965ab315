import { readFileSync } from 'node:fs';

/**
 * What the kernel still holds for a server's port (Linux, from /proc/net/tcp and tcp6): connections
 * waiting in the listen queue that the process has not accepted, and bytes on accepted connections the
 * process has not read. Both 0 means every request sent to it has been read by the server process, so
 * a test can say exactly which requests were "accepted" before it sends a signal.
 */
export function unreadByServer(port: number): { queuedConnections: number; unreadBytes: number; established: number } {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  let queuedConnections = 0;
  let unreadBytes = 0;
  let established = 0;
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 5 || !cols[1].endsWith(`:${hexPort}`)) continue;
      const state = cols[3];
      const rxQueue = parseInt(cols[4].split(':')[1], 16);
      if (state === '0A') queuedConnections += rxQueue; // LISTEN: rx_queue is the accept backlog
      if (state === '01') {
        established += 1;
        unreadBytes += rxQueue;
      }
    }
  }
  return { queuedConnections, unreadBytes, established };
}

/** Resolves once the server on `port` has accepted and read everything sent to it (or throws after `ms`). */
export async function serverHasReadEverything(port: number, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const q = unreadByServer(port);
    if (q.queuedConnections === 0 && q.unreadBytes === 0) return;
    if (Date.now() > deadline) throw new Error(`the server has not read everything: ${JSON.stringify(q)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

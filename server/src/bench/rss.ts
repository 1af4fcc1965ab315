import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * Resident memory of another process and its children, in MB: a server with WEB_CONCURRENCY workers is
 * its primary and the workers it forked.
 */
export function rssMb(pid: number): number {
  return [pid, ...childrenOf(pid)].reduce((sum, p) => {
    try {
      return sum + processRssMb(p);
    } catch {
      return sum; // a child that ended between the listing and the reading
    }
  }, 0);
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number);
  } catch {
    // not Linux: ask ps
  }
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Resident memory of one process, in MB, from /proc (Linux) or `ps` elsewhere. */
function processRssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    if (kb) return Number(kb) / 1024;
  } catch {
    // not Linux, or the process is gone: ask ps
  }
  const out = execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim();
  return Number(out) / 1024;
}

const SAMPLE_MS = 100;

/** Samples a process's RSS every 100 ms until stopped; the peak is the highest sample. */
export function sampleRss(pid: number): { stop(): { peakMb: number; samples: number } } {
  let peakMb = rssMb(pid);
  let samples = 1;
  const timer = setInterval(() => {
    try {
      peakMb = Math.max(peakMb, rssMb(pid));
      samples += 1;
    } catch {
      // the process ended: the peak so far stands
    }
  }, SAMPLE_MS);
  return {
    stop() {
      clearInterval(timer);
      return { peakMb, samples };
    },
  };
}

/**
 * Finding every process that still holds a worker's pipes. Killing the worker's process group is
 * not enough: an integration may start a child that leaves the group with `setsid` yet keeps the
 * inherited protocol pipes open, which would keep the harness (and `mirrorlab run`) alive forever.
 * On Linux the pipes are identified by inode through /proc; elsewhere this finds nothing.
 */
import { readdirSync, readlinkSync } from 'node:fs';

/** The pipe/socket inodes (`pipe:[123]`, `socket:[456]`) behind the given fds of a process. */
export function pipeInodes(pid: number, fds: readonly number[]): Set<string> {
  const inodes = new Set<string>();
  for (const fd of fds) {
    try {
      const link = readlinkSync(`/proc/${pid}/fd/${fd}`);
      // Node's stdio 'pipe's are socketpairs on Unix; the child's ends are what escapes inherit.
      if (link.startsWith('pipe:') || link.startsWith('socket:')) inodes.add(link);
    } catch {
      // Not Linux, or the process is already gone.
    }
  }
  return inodes;
}

/** Pids (other than this process) with an fd on one of `inodes`. */
export function pipeHolders(inodes: ReadonlySet<string>): number[] {
  if (inodes.size === 0) return [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const holders: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue; // another user's process, or gone
    }
    for (const fd of fds) {
      try {
        if (inodes.has(readlinkSync(`/proc/${entry}/fd/${fd}`))) {
          holders.push(Number(entry));
          break;
        }
      } catch {
        // fd closed meanwhile
      }
    }
  }
  return holders;
}

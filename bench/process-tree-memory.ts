/**
 * Peak memory of a process and everything it starts (Pagefind indexes in a binary of its
 * own, so the build's own maxRSS misses most of it). Sums VmRSS over the tree, sampled.
 */
import { readdir, readFile } from "node:fs/promises";

async function readStatus(pid: number): Promise<{ ppid: number; rssKb: number } | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    const rssKb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    return { ppid, rssKb };
  } catch {
    return undefined; // gone already
  }
}

export async function treeRssBytes(root: number): Promise<number> {
  const pids = (await readdir("/proc")).filter((name) => /^\d+$/.test(name)).map(Number);
  const statuses = new Map<number, { ppid: number; rssKb: number }>();
  await Promise.all(
    pids.map(async (pid) => {
      const status = await readStatus(pid);
      if (status) statuses.set(pid, status);
    }),
  );
  let total = 0;
  const queue = [root];
  while (queue.length) {
    const pid = queue.pop()!;
    total += (statuses.get(pid)?.rssKb ?? 0) * 1024;
    for (const [child, status] of statuses) if (status.ppid === pid) queue.push(child);
  }
  return total;
}

/** Samples until stopped; returns the highest total seen. */
export function samplePeakMemory(root: number, everyMs = 250): { stop(): Promise<number> } {
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      peak = Math.max(peak, await treeRssBytes(root));
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return peak;
    },
  };
}

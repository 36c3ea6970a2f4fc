/**
 * Room for the processes that hold the whole site in memory: the render process of
 * `npm run build` and the dev server. Node's default heap limit stops at 4 GiB however much
 * the machine has. At 50,000 articles the dev server's rebuild after an edit took 26 s with
 * that limit, V8 collecting garbage to stay under it, against 5.6 s with room to spare; the
 * render process's live heap reached 2.7 GB, so near 75,000 articles the build would stop
 * with "heap out of memory" on a machine with memory to spare (README, Performance).
 */
import { totalmem } from "node:os";
import { getHeapStatistics } from "node:v8";

const MIB = 2 ** 20;

/**
 * The V8 flag that lets a child process use up to three quarters of the machine's memory,
 * or nothing when the user has chosen a limit (NODE_OPTIONS or node's own arguments) or the
 * default is already larger.
 */
export function heapLimitArgs(
  machine: { totalBytes: number; defaultLimitBytes: number },
  chosen: { nodeOptions: string | undefined; execArgv: readonly string[] },
): string[] {
  const given = [...chosen.execArgv, ...(chosen.nodeOptions ?? "").split(/\s+/)].some((arg) => arg.startsWith("--max-old-space-size"));
  if (given) return [];
  const limitMib = Math.floor((machine.totalBytes * 3) / 4 / MIB);
  return limitMib > machine.defaultLimitBytes / MIB ? [`--max-old-space-size=${limitMib}`] : [];
}

/** Node's arguments for such a child: this process's own (tsx's loader), plus the limit. */
export function siteHoldingExecArgv(): string[] {
  const machine = { totalBytes: totalmem(), defaultLimitBytes: getHeapStatistics().heap_size_limit };
  return [...process.execArgv, ...heapLimitArgs(machine, { nodeOptions: process.env.NODE_OPTIONS, execArgv: process.execArgv })];
}

/**
 * Room for the processes that hold the whole site in memory: the render process of
 * `npm run build` and the dev server. Node's default heap limit stops at 4 GiB however much
 * the machine has. At 50,000 articles the dev server's rebuild after an edit took 26 s with
 * that limit, V8 collecting garbage to stay under it, against 5.6 s with room to spare; the
 * render process's live heap reached 2.7 GB, so near 75,000 articles the build would stop
 * with "heap out of memory" on a machine with memory to spare (docs/performance.md).
 */
import { totalmem } from "node:os";
import { getHeapStatistics } from "node:v8";

const MIB = 2 ** 20;

/** The arguments the user gave node: NODE_OPTIONS and node's own. */
interface ChosenArgs {
  nodeOptions: string | undefined;
  execArgv: readonly string[];
}

/** Whether the user set this V8 flag themselves: theirs is kept. */
const chose = (chosen: ChosenArgs, flag: string) =>
  [...chosen.execArgv, ...(chosen.nodeOptions ?? "").split(/\s+/)].some((arg) => arg.startsWith(flag));

/**
 * The V8 flag that lets a child process use up to three quarters of the machine's memory,
 * or nothing when the user has chosen a limit (NODE_OPTIONS or node's own arguments) or the
 * default is already larger.
 */
export function heapLimitArgs(machine: { totalBytes: number; defaultLimitBytes: number }, chosen: ChosenArgs): string[] {
  if (chose(chosen, "--max-old-space-size")) return [];
  const limitMib = Math.floor((machine.totalBytes * 3) / 4 / MIB);
  return limitMib > machine.defaultLimitBytes / MIB ? [`--max-old-space-size=${limitMib}`] : [];
}

/**
 * Rendering 17,000 pages makes short-lived strings and objects at a great rate: with V8's
 * 16 MB semi-spaces the young generation filled and was collected thousands of times, a tenth
 * of the render. 64 MB took the render of 10,000 articles from 16.3 s to 14.2 s for 190 MB
 * more peak memory, the same at any number of articles (docs/performance.md).
 */
const SEMI_SPACE_MIB = 64;

/** The V8 flag for a larger young generation, or nothing when the user has chosen its size. */
export function youngGenerationArgs(chosen: ChosenArgs): string[] {
  return chose(chosen, "--max-semi-space-size") ? [] : [`--max-semi-space-size=${SEMI_SPACE_MIB}`];
}

/** Node's arguments for such a child: this process's own (tsx's loader), plus the limit and the young generation's size. */
export function siteHoldingExecArgv(): string[] {
  const machine = { totalBytes: totalmem(), defaultLimitBytes: getHeapStatistics().heap_size_limit };
  const chosen = { nodeOptions: process.env.NODE_OPTIONS, execArgv: process.execArgv };
  return [...process.execArgv, ...heapLimitArgs(machine, chosen), ...youngGenerationArgs(chosen)];
}

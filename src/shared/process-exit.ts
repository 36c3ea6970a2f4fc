/** How a child process ended: its exit code, or the signal that ended it. */
import type { ChildProcess } from "node:child_process";

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export function processExit(child: ChildProcess): Promise<ProcessExit> {
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal }));
  });
}

/** A child killed by a signal: on a build machine, most often the kernel reclaiming memory. */
export class KilledError extends Error {
  constructor(
    what: string,
    readonly signal: NodeJS.Signals,
  ) {
    super(`${what} was killed (${signal}), most likely for running out of memory`);
    this.name = "KilledError";
  }
}

/**
 * Child processes that must not outlive ours. Ctrl-C reaches the whole process group, but
 * `kill <pid>`, a closed terminal or a CI runner's timeout reach only our process, and a
 * Pagefind left running goes on writing into the output folder for half a minute: a dev
 * server started again meanwhile failed its first index (ENOTEMPTY). SIGKILL cannot be
 * caught; for that, each index is written into a folder of its own (search-index.ts).
 */
import type { ChildProcess } from "node:child_process";
import { constants } from "node:os";

const children = new Set<ChildProcess>();

/** Marks a child to be stopped when ours is told to end; returns it. */
export function endsWithUs<T extends ChildProcess>(child: T): T {
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

/** Stops the children still running: before a command exits on an error that makes their work useless. */
export function stopChildren(signal: NodeJS.Signals = "SIGTERM"): void {
  for (const child of children) child.kill(signal);
}

/** For the commands: on SIGTERM or SIGHUP, pass the signal on to the children, then exit as the signal would have. */
export function stopChildrenOnSignal(): void {
  for (const signal of ["SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      stopChildren(signal);
      process.exit(128 + constants.signals[signal]);
    });
  }
}

/** Phase timings of one build, for the benchmark: what each step cost, in ms, and peak memory. */
import { writeFile } from "node:fs/promises";

export interface BuildTimings {
  phases: Record<string, number>;
  totalMs: number;
  /** Peak resident set size of the build process, in bytes. */
  maxRssBytes: number;
}

export function createPhaseTimer() {
  const started = performance.now();
  const phases: Record<string, number> = {};
  return {
    async time<T>(phase: string, work: () => Promise<T>): Promise<T> {
      const start = performance.now();
      try {
        return await work();
      } finally {
        // Added up: a phase may be timed in parts (the build's load, before and after the search documents).
        phases[phase] = (phases[phase] ?? 0) + Math.round(performance.now() - start);
      }
    },
    finish(): BuildTimings {
      // resourceUsage().maxRSS is in kilobytes.
      return { phases, totalMs: Math.round(performance.now() - started), maxRssBytes: process.resourceUsage().maxRSS * 1024 };
    },
  };
}

export async function writeTimings(file: string, timings: BuildTimings): Promise<void> {
  await writeFile(file, `${JSON.stringify(timings, null, 2)}\n`);
}

/** Runs the real build command on a content folder and collects what it cost and what it wrote. */
import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { BuildTimings } from "../src/build/timings.ts";
import { samplePeakMemory } from "./process-tree-memory.ts";

const ROOT = path.resolve(import.meta.dirname, "..");

export interface BuildMeasurement {
  wallMs: number;
  phasesMs: Record<string, number>;
  /** Build process plus Pagefind's, sampled over the process tree. */
  peakMemoryBytes: number;
  outputFiles: number;
  outputBytes: number;
}

export async function measureBuild(contentDir: string, outputDir: string, env: Record<string, string> = {}): Promise<BuildMeasurement> {
  const scratch = await mkdtemp(path.join(tmpdir(), "broadsheet-bench-"));
  const timingsFile = path.join(scratch, "timings.json");
  const started = performance.now();
  let treePeak = 0;
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src/build/build.ts")], {
      cwd: ROOT,
      env: { ...process.env, CONTENT_DIR: contentDir, OUTPUT_DIR: outputDir, BROADSHEET_TIMINGS_FILE: timingsFile, ...env },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const sampler = child.pid ? samplePeakMemory(child.pid) : undefined;
    child.on("error", reject);
    child.on("close", async (exit) => {
      treePeak = (await sampler?.stop()) ?? 0;
      resolve(exit);
    });
  });
  const wallMs = Math.round(performance.now() - started);
  if (code !== 0) throw new Error(`build of ${contentDir} failed (exit ${code})`);
  const timings = JSON.parse(await readFile(timingsFile, "utf8")) as BuildTimings;
  await rm(scratch, { recursive: true, force: true });
  const { files, bytes } = await sizeOf(outputDir);
  // The larger of the two: sampling can miss a short peak, maxRSS misses Pagefind's process.
  return {
    wallMs,
    phasesMs: timings.phases,
    peakMemoryBytes: Math.max(treePeak, timings.maxRssBytes),
    outputFiles: files,
    outputBytes: bytes,
  };
}

export async function sizeOf(dir: string): Promise<{ files: number; bytes: number }> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  let files = 0;
  let bytes = 0;
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    files++;
    bytes += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return { files, bytes };
}

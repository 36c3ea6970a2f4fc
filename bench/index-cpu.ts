/**
 * `tsx bench/index-cpu.ts --site <built site> --corpus <its content folder>`: the CPU time the
 * dev server's index pass takes after an edit, against one index of every article (the index
 * before shards). Each pass runs in a process of its own, three times each, and is timed from
 * just before it to just after it: the process's own CPU and that of the Pagefind runs it
 * waited for (Linux counts those for the parent once they have exited). The load before, and
 * copying the built index into a scratch output for the edit (the dev server's is in place
 * already), are not counted.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { indexUnsharded, makeShardedDocuments, writeSearchIndex, writeShardDocuments } from "../src/search/search-index.ts";
import { readEnv } from "../src/shared/env.ts";
import { resolveBuildOptions } from "../src/site/build-options.ts";
import { loadSiteForBuild } from "../src/site/content/load-site.ts";

const { values } = parseArgs({
  options: { site: { type: "string" }, corpus: { type: "string" }, case: { type: "string" }, out: { type: "string" } },
});
if (!values.site || !values.corpus) throw new Error("Give --site <built site> and --corpus <its content folder>");
const site = path.resolve(values.site);
const corpus = path.resolve(values.corpus);
const RUNS = 3;

/** CPU seconds of this process and of its children that have exited (/proc/self/stat: utime, stime, cutime, cstime). */
function cpuSeconds(ticksPerSecond: number): number {
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
  // After "pid (comm) ", field 3 is the state; utime is field 14, so index 11 here.
  const [utime, stime, cutime, cstime] = fields.slice(11, 15).map(Number);
  return (utime! + stime! + cutime! + cstime!) / ticksPerSecond;
}

if (values.case && values.out) {
  const ticks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());
  const scratch = await mkdtemp(path.join(site, ".index-cpu-"));
  const { site: meta, data } = await loadSiteForBuild(resolveBuildOptions(readEnv({ CONTENT_DIR: corpus, OUTPUT_DIR: scratch })));
  /** CPU and wall seconds of `pass` alone. */
  const timed = async (pass: () => Promise<unknown>) => {
    const [cpuBefore, wallBefore] = [cpuSeconds(ticks), performance.now()];
    await pass();
    return { cpu: cpuSeconds(ticks) - cpuBefore, wall: (performance.now() - wallBefore) / 1000 };
  };
  let result: { cpu: number; wall: number };
  if (values.case === "single") {
    result = await timed(async () => {
      const made = await makeShardedDocuments(data.articles, meta.language);
      const all = await writeShardDocuments(scratch, {
        name: "single",
        key: "",
        documents: made.shards.flatMap((shard) => shard.documents),
      });
      await indexUnsharded(all.dir, path.join(scratch, "single"));
    });
  } else {
    await cp(path.join(site, "pagefind"), path.join(scratch, "pagefind"), { recursive: true });
    // The dev server after an author edits the newest article: its shard changes, the others stay.
    const [newest, ...rest] = data.articles;
    result = await timed(() => writeSearchIndex(scratch, [{ ...newest!, html: `${newest!.html}<p>An edit.</p>` }, ...rest], meta.language));
  }
  await rm(scratch, { recursive: true, force: true });
  await writeFile(values.out, JSON.stringify(result));
} else {
  const measure = async (which: string) => {
    const out = path.join(site, `.index-cpu-${which}.json`);
    execFileSync(
      process.execPath,
      ["--import", "tsx", import.meta.filename, "--site", site, "--corpus", corpus, "--case", which, "--out", out],
      { stdio: "inherit" },
    );
    const result = JSON.parse(await readFile(out, "utf8")) as { cpu: number; wall: number };
    await rm(out);
    return result;
  };
  const runs: Record<string, { cpu: number; wall: number }[]> = { single: [], edit: [] };
  for (let i = 0; i < RUNS; i++) {
    for (const which of ["single", "edit"]) {
      process.stderr.write(`[bench:index-cpu] ${which} ${i + 1} of ${RUNS}…\n`);
      runs[which]!.push(await measure(which));
    }
  }
  const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
  const line = (label: string, list: { cpu: number; wall: number }[]) =>
    `| ${label} | ${median(list.map((r) => r.cpu)).toFixed(2)} s (${list.map((r) => r.cpu.toFixed(2)).join(", ")}) | ${median(list.map((r) => r.wall)).toFixed(2)} s |`;
  console.log(`\n| index pass | CPU, median (runs) | wall, median |\n|---|---:|---:|`);
  console.log(line("one index of every article (before shards)", runs.single!));
  console.log(line("after editing the newest article (its shard only)", runs.edit!));
  const ratio = median(runs.edit!.map((r) => r.cpu)) / median(runs.single!.map((r) => r.cpu));
  console.log(`\nRatio ${ratio.toFixed(2)} (target ≤ 0.20).`);
}

/**
 * `tsx bench/index-cpu.ts --site <built site> --corpus <its content folder>`: the CPU time the
 * dev server's index pass takes after an edit, against one index of every article (the index
 * before shards). Each case runs in a process of its own under /usr/bin/time, Pagefind
 * included; the load they all share (a case that only makes the documents) is subtracted.
 */
import { execFileSync } from "node:child_process";
import { cp, rm } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { indexUnsharded, makeShardedDocuments, writeSearchIndex, writeShardDocuments } from "../src/search/search-index.ts";
import { readEnv } from "../src/shared/env.ts";
import { resolveBuildOptions } from "../src/site/build-options.ts";
import { loadSiteForBuild } from "../src/site/content/load-site.ts";

const { values } = parseArgs({ options: { site: { type: "string" }, corpus: { type: "string" }, case: { type: "string" } } });
if (!values.site || !values.corpus) throw new Error("Give --site <built site> and --corpus <its content folder>");
const site = path.resolve(values.site);
const corpus = path.resolve(values.corpus);

if (values.case) {
  const scratch = path.join(site, ".index-cpu");
  const { site: meta, data } = await loadSiteForBuild(resolveBuildOptions(readEnv({ CONTENT_DIR: corpus, OUTPUT_DIR: scratch })));
  const made = await makeShardedDocuments(data.articles, meta.language);
  if (values.case === "single") {
    const all = await writeShardDocuments(scratch, { name: "single", key: "", documents: made.shards.flatMap((shard) => shard.documents) });
    await indexUnsharded(all.dir, path.join(scratch, "single"));
  } else if (values.case === "edit") {
    // The dev server after an author edits the newest article: its shard changes, the others stay.
    await cp(path.join(site, "pagefind"), path.join(scratch, "pagefind"), { recursive: true });
    const [newest, ...rest] = data.articles;
    await writeSearchIndex(scratch, [{ ...newest!, html: `${newest!.html}<p>An edit.</p>` }, ...rest], meta.language);
  }
  await rm(scratch, { recursive: true, force: true });
} else {
  const run = (which: string) => {
    try {
      execFileSync(
        "/usr/bin/time",
        [
          "-o",
          path.join(site, `.cpu-${which}`),
          "-f",
          "%U %S %e",
          process.execPath,
          "--import",
          "tsx",
          import.meta.filename,
          "--site",
          site,
          "--corpus",
          corpus,
          "--case",
          which,
        ],
        { stdio: "inherit" },
      );
    } catch (error) {
      throw new Error(`case ${which} failed: ${(error as Error).message}`);
    }
  };
  const read = async (which: string) => {
    const { readFile } = await import("node:fs/promises");
    const [user, system, wall] = (await readFile(path.join(site, `.cpu-${which}`), "utf8")).trim().split(/\s+/).map(Number);
    await rm(path.join(site, `.cpu-${which}`));
    return { cpu: user! + system!, wall: wall! };
  };
  const results: Record<string, { cpu: number; wall: number }> = {};
  for (const which of ["load", "single", "edit"]) {
    process.stderr.write(`[bench:index-cpu] ${which}…\n`);
    run(which);
    results[which] = await read(which);
  }
  const single = results.single!.cpu - results.load!.cpu;
  const edit = results.edit!.cpu - results.load!.cpu;
  console.log(`\n| index pass | CPU (user + system) | wall |\n|---|---:|---:|`);
  console.log(
    `| one index of every article (before shards) | ${single.toFixed(1)} s | ${(results.single!.wall - results.load!.wall).toFixed(1)} s |`,
  );
  console.log(
    `| after editing the newest article (its shard only) | ${edit.toFixed(1)} s | ${(results.edit!.wall - results.load!.wall).toFixed(1)} s |`,
  );
  console.log(`\nRatio ${(edit / single).toFixed(2)} (target ≤ 0.20); the shared load (${results.load!.cpu.toFixed(1)} s CPU) subtracted.`);
}

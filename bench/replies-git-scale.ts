/**
 * `npx tsx bench/replies-git-scale.ts [COUNT]`: COUNT replies (1,000 by default) one after
 * another on one article through the pipeline and the local git store (as `npm start` runs it),
 * in a temporary repository where the author has uncommitted edits. Reports wall-time p50/p99
 * of the first and the last hundred, and checks the author's edits and `git status` after.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createFloodMemory } from "../src/replies/pipeline/flood-memory.ts";
import { createReplyPipeline } from "../src/replies/pipeline/handle-reply.ts";
import { hashTrustKey } from "../src/replies/pipeline/hash-keys.ts";
import { createKeyedLock } from "../src/replies/pipeline/keyed-lock.ts";
import { createReplyId } from "../src/replies/pipeline/reply-id.ts";
import { createGitStore } from "../src/replies/stores/git.ts";
import { runGit } from "../src/replies/stores/git-commands.ts";
import { trustedReplierPath } from "../src/shared/reply-record.ts";
import { makeManifest, ORIGIN } from "../test/replies/support/manifest.ts";
import { percentile } from "../test/replies/support/reply-scale.ts";

const count = Number(process.argv[2] ?? 1_000);
const secret = "bench-secret";
const dir = await mkdtemp(path.join(tmpdir(), "broadsheet-git-scale-"));
try {
  const me = { name: "Author", email: "author@example.invalid" };
  await runGit(dir, ["init", "--quiet", "--initial-branch=main"]);
  const reader = (k: number) => ({ author: `Reader ${k}`, email: `reader${k}@example.org` });
  for (let k = 0; k < 40; k += 1) {
    if (k % 4 === 1) continue;
    const file = path.join(dir, trustedReplierPath(hashTrustKey(secret, reader(k).author, reader(k).email)));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, "");
  }
  await writeFile(path.join(dir, "draft.md"), "committed\n");
  await runGit(dir, ["add", "-A"]);
  await runGit(dir, ["-c", "commit.gpgsign=false", "commit", "--quiet", "-m", "init"], me);
  await writeFile(path.join(dir, "draft.md"), "committed\nthe author's unsaved work\n");
  const statusBefore = await runGit(dir, ["status", "--porcelain"]);

  let clock = Date.parse("2024-06-01T00:00:00Z");
  const handle = createReplyPipeline({
    store: createGitStore({ repoDir: dir }),
    loadManifest: async () => makeManifest({ closeAfterDays: null }),
    now: () => new Date(clock),
    makeId: (date) => createReplyId(date),
    secret,
    flood: createFloodMemory(),
    lock: createKeyedLock(),
    log: () => undefined,
  });
  const timings: number[] = [];
  for (let i = 0; i < count; i += 1) {
    clock += 20_000;
    const started = performance.now();
    const response = await handle(
      new Request(`${ORIGIN}/api/replies`, {
        method: "POST",
        headers: { Origin: ORIGIN, "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ article: "open-article", ...reader(i % 40), comment: `Reply ${i + 1}. ${"Words of a reply. ".repeat(10)}` }),
      }),
    );
    timings.push(performance.now() - started);
    if (response.status !== 201) throw new Error(`reply ${i}: ${response.status} ${await response.text()}`);
  }
  const ms = (values: number[], p: number) => Number(percentile(values, p).toFixed(1));
  const published = (await runGit(dir, ["ls-tree", "--name-only", "main:content/replies/open-article"])).trim().split("\n").length;
  const held = (await runGit(dir, ["ls-tree", "--name-only", "replies/pending:content/replies/open-article"])).trim().split("\n").length;
  console.log(
    JSON.stringify(
      {
        count,
        published,
        held,
        firstHundred: { p50Ms: ms(timings.slice(0, 100), 50), p99Ms: ms(timings.slice(0, 100), 99) },
        lastHundred: { p50Ms: ms(timings.slice(-100), 50), p99Ms: ms(timings.slice(-100), 99) },
        statusUnchanged: (await runGit(dir, ["status", "--porcelain"])) === statusBefore,
        authorsEditKept: (await readFile(path.join(dir, "draft.md"), "utf8")).includes("unsaved work"),
      },
      null,
      2,
    ),
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}

/**
 * `npx tsx bench/replies.ts`: pipeline latency without the store (an in-memory fake), and
 * the local git store's throughput for 200 concurrent replies into a temporary repository.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createFloodMemory } from "../src/replies/pipeline/flood-memory.ts";
import { createReplyPipeline } from "../src/replies/pipeline/handle-reply.ts";
import { createKeyedLock } from "../src/replies/pipeline/keyed-lock.ts";
import { createReplyId } from "../src/replies/pipeline/reply-id.ts";
import { createGitStore } from "../src/replies/stores/git.ts";
import { runGit } from "../src/replies/stores/git-commands.ts";
import type { ReplyStore } from "../src/replies/stores/store.ts";
import type { Manifest } from "../src/shared/article-manifest.ts";
import type { ReplyRecord } from "../src/shared/reply-record.ts";

const ORIGIN = "https://broadsheet.example.org";
const manifest: Manifest = {
  site: { url: ORIGIN, origins: [ORIGIN] },
  replies: { moderationWords: ["casino"], disallowedWords: ["forbidden"], closeAfterDays: null, skipDeployOnReply: false },
  articles: Array.from({ length: 2000 }, (_, i) => ({
    key: `article-${i}`,
    title: `Article ${i}`,
    url: `/articles/article-${i}/`,
    date: "2024-01-01",
    repliesOpen: true,
  })),
};

function memoryStore(): ReplyStore {
  const records: ReplyRecord[] = [];
  return {
    listReplies: async (key) => records.filter((r) => r.article === key),
    hasApprovedReplyFrom: async (hash) => records.some((r) => r.emailHash === hash && r.status === "approved"),
    create: async (record) => void records.push(record),
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measurePipeline(count: number) {
  const handle = createReplyPipeline({
    store: memoryStore(),
    loadManifest: async () => manifest,
    now: () => new Date(),
    makeId: createReplyId,
    secret: "bench",
    flood: createFloodMemory(),
    lock: createKeyedLock(),
    log: () => undefined,
  });
  const timings: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const body = new URLSearchParams({
      author: `Reader ${i}`,
      email: `reader${i}@example.org`,
      comment: `Reply number ${i}. ${"Some words of a typical reply. ".repeat(20)}`,
      article: `article-${i % 2000}`,
    });
    const request = new Request(`${ORIGIN}/api/replies`, {
      method: "POST",
      headers: { Origin: ORIGIN, "Content-Type": "application/x-www-form-urlencoded" },
      body,
    });
    const start = performance.now();
    const response = await handle(request);
    timings.push(performance.now() - start);
    if (response.status !== 303) throw new Error(`unexpected ${response.status}`);
  }
  const sorted = timings.slice(500).sort((a, b) => a - b); // after warm-up
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), n: sorted.length };
}

async function measureGitStore(count: number) {
  const dir = await mkdtemp(path.join(tmpdir(), "broadsheet-bench-"));
  try {
    const me = { name: "Bench", email: "bench@example.invalid" };
    await runGit(dir, ["init", "--quiet"]);
    await writeFile(path.join(dir, "README.md"), "bench\n");
    await runGit(dir, ["add", "README.md"]);
    await runGit(dir, ["-c", "commit.gpgsign=false", "commit", "--quiet", "-m", "init"], me);
    const store = createGitStore({ repoDir: dir });
    const now = Date.now();
    const records: ReplyRecord[] = Array.from({ length: count }, (_, i) => ({
      id: createReplyId(new Date(now + i)),
      article: `article-${i % 20}`,
      parent: null,
      author: `Reader ${i}`,
      url: null,
      body: `Reply ${i}`,
      date: new Date(now + i).toISOString(),
      status: "pending",
      emailHash: "0".repeat(64),
    }));
    const start = performance.now();
    await Promise.all(records.map((r) => store.create(r, { message: `Reply ${r.id} on ${r.article}` })));
    const seconds = (performance.now() - start) / 1000;
    const commits = Number(await runGit(dir, ["rev-list", "--count", "HEAD"])) - 1;
    return { seconds, perSecond: count / seconds, commits };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const pipeline = await measurePipeline(5_500);
console.log(
  `pipeline (fake store, 2000-article manifest, ${pipeline.n} form posts): p50 ${pipeline.p50.toFixed(3)} ms, p99 ${pipeline.p99.toFixed(3)} ms`,
);
const git = await measureGitStore(200);
console.log(`git store: 200 concurrent replies in ${git.seconds.toFixed(2)} s (${git.perSecond.toFixed(0)}/s), ${git.commits} commits`);
await writeFile(path.join(import.meta.dirname, "replies-results.json"), `${JSON.stringify({ pipeline, gitStore: git }, null, 2)}\n`);

/**
 * `npm run bench:replies [-- COUNT]`: COUNT replies (2,000 by default) on one article through
 * the real pipeline and github store against the loopback GitHub (its limits enforced, on a
 * virtual clock with 20 s between replies). Reports GitHub requests per reply and latency, for
 * the first hundred, the last hundred and all, and writes bench/replies-scale-results.json.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { percentile, runRepliesAtScale, type ScaleReply } from "../test/replies/support/reply-scale.ts";

const count = Number(process.argv[2] ?? 2_000);
const started = Date.now();
const run = await runRepliesAtScale(count);
await run.github.close();

const summarise = (replies: readonly ScaleReply[]) => ({
  replies: replies.length,
  requestsMean: Number((replies.reduce((sum, reply) => sum + reply.requests, 0) / replies.length).toFixed(2)),
  requestsMaxTopLevel: Math.max(...replies.filter((reply) => reply.parent === null).map((reply) => reply.requests)),
  requestsMaxThreaded: Math.max(0, ...replies.filter((reply) => reply.parent !== null).map((reply) => reply.requests)),
  wallP50Ms: Number(
    percentile(
      replies.map((reply) => reply.ms),
      50,
    ).toFixed(1),
  ),
  wallP99Ms: Number(
    percentile(
      replies.map((reply) => reply.ms),
      99,
    ).toFixed(1),
  ),
  cpuP50Ms: Number(
    percentile(
      replies.map((reply) => reply.cpuMs),
      50,
    ).toFixed(1),
  ),
  cpuP99Ms: Number(
    percentile(
      replies.map((reply) => reply.cpuMs),
      99,
    ).toFixed(1),
  ),
  ourCpuP50Ms: Number(
    percentile(
      replies.map((reply) => reply.ourCpuMs),
      50,
    ).toFixed(1),
  ),
  ourCpuP99Ms: Number(
    percentile(
      replies.map((reply) => reply.ourCpuMs),
      99,
    ).toFixed(1),
  ),
});

const results = {
  count,
  accepted: run.replies.filter((reply) => reply.status === 201).length,
  held: run.replies.filter((reply) => reply.replyStatus === "pending").length,
  githubRequests: run.github.requests.length,
  rateLimited: run.github.requests.filter((request) => request.status === 403 || request.status === 429).length,
  peakConcurrentRequests: run.github.peakInFlight(),
  firstHundred: summarise(run.replies.slice(0, 100)),
  lastHundred: summarise(run.replies.slice(-100)),
  all: summarise(run.replies),
  seconds: Number(((Date.now() - started) / 1000).toFixed(1)),
};
console.log(JSON.stringify(results, null, 2));
await writeFile(path.join(import.meta.dirname, "replies-scale-results.json"), `${JSON.stringify(results, null, 2)}\n`);

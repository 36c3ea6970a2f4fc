/**
 * Many replies on one article through the real pipeline and the github store, against the
 * loopback GitHub on a virtual clock (20 s between replies, so GitHub's per-minute and per-hour
 * limits are those of a busy day, not of a burst). Used by github-scale.test.ts and
 * `npm run bench:replies`. Three in four readers are trusted; every tenth reply answers the
 * previous published one.
 */
import { performance } from "node:perf_hooks";
import { createFloodMemory } from "../../../src/replies/pipeline/flood-memory.ts";
import { createReplyPipeline, type ReplyHandler } from "../../../src/replies/pipeline/handle-reply.ts";
import { hashTrustKey } from "../../../src/replies/pipeline/hash-keys.ts";
import { createKeyedLock } from "../../../src/replies/pipeline/keyed-lock.ts";
import { createReplyId } from "../../../src/replies/pipeline/reply-id.ts";
import { createGitHubStore } from "../../../src/replies/stores/github.ts";
import { trustedReplierPath } from "../../../src/shared/reply-record.ts";
import { type FakeGitHub, startFakeGitHub } from "./fake-github.ts";
import { makeManifest, ORIGIN } from "./manifest.ts";

export const SCALE_SECRET = "scale-secret";
const READERS = 40;

export interface ScaleReply {
  index: number;
  status: number;
  id: string;
  replyStatus: string;
  parent: string | null;
  requests: number;
  /** Wall time, which a busy machine stretches. */
  ms: number;
  /** CPU time of this process (the pipeline, the client and the fake), which it does not. */
  cpuMs: number;
  /** The same, less the fake GitHub's own handling (which grows with the folder, as GitHub's may). */
  ourCpuMs: number;
}

export interface ScaleRun {
  github: FakeGitHub;
  replies: ScaleReply[];
  /** A handler on a new store, as a cold function instance has. */
  coldHandler: () => ReplyHandler;
  send: (
    handle: ReplyHandler,
    fields: Record<string, string>,
  ) => Promise<{ status: number; body: Record<string, unknown>; requests: number }>;
  reader: (k: number) => { author: string; email: string };
  clock: { now: number };
}

export async function runRepliesAtScale(count: number): Promise<ScaleRun> {
  const clock = { now: Date.parse("2024-06-01T00:00:00Z") };
  const github = await startFakeGitHub({ now: () => clock.now });
  const reader = (k: number) => ({ author: `Reader ${k}`, email: `reader${k}@example.org` });
  const trusted: Record<string, string> = {};
  for (let k = 0; k < READERS; k += 1) {
    if (k % 4 !== 1) trusted[trustedReplierPath(hashTrustKey(SCALE_SECRET, reader(k).author, reader(k).email))] = "";
  }
  github.seed("main", { "README.md": "# site\n", ...trusted }, "Initial commit");
  github.seed("replies/pending", { "README.md": "pending\n" }, "Start replies/pending");

  const makeHandler = () =>
    createReplyPipeline({
      store: createGitHubStore({
        token: "t",
        repo: github.repo,
        branch: "main",
        apiUrl: github.url,
        sleep: async (ms) => {
          clock.now += ms;
        },
        now: () => clock.now,
      }),
      loadManifest: async () => makeManifest({ closeAfterDays: null }),
      now: () => new Date(clock.now),
      makeId: (date) => createReplyId(date),
      secret: SCALE_SECRET,
      flood: createFloodMemory(),
      lock: createKeyedLock(),
      log: () => undefined,
    });

  const send = async (handle: ReplyHandler, fields: Record<string, string>) => {
    const before = github.requests.length;
    const response = await handle(
      new Request(`${ORIGIN}/api/replies`, {
        method: "POST",
        headers: { Origin: ORIGIN, "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ article: "open-article", ...fields }),
      }),
    );
    return { status: response.status, body: (await response.json()) as Record<string, unknown>, requests: github.requests.length - before };
  };

  const handle = makeHandler();
  const replies: ScaleReply[] = [];
  let lastPublished: string | null = null;
  for (let index = 0; index < count; index += 1) {
    clock.now += 20_000;
    const parent = index % 10 === 9 ? lastPublished : null;
    const started = performance.now();
    const cpu = process.cpuUsage();
    const server = github.serverMs();
    const { status, body, requests } = await send(handle, {
      ...reader(index % READERS),
      comment: `Reply number ${index + 1} on a popular story. ${"Some words of a typical reply. ".repeat(8)}`,
      ...(parent ? { parent } : {}),
    });
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    replies.push({
      index,
      status,
      id: String(body.id),
      replyStatus: String(body.status),
      parent,
      requests,
      ms,
      cpuMs: (used.user + used.system) / 1000,
      ourCpuMs: (used.user + used.system) / 1000 - (github.serverMs() - server),
    });
    if (body.status === "approved" && parent === null) lastPublished = String(body.id);
  }
  return { github, replies, coldHandler: makeHandler, send, reader, clock };
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

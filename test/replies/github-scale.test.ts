/**
 * 2,000 replies on one article against the loopback GitHub with its limits: the cost of a
 * reply does not grow with the replies before it. Requests are counted; time is only checked
 * against a generous bound (speed itself is `npm run bench:replies`).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { percentile, runRepliesAtScale, type ScaleRun } from "./support/reply-scale.ts";

let run: ScaleRun;

beforeAll(async () => {
  run = await runRepliesAtScale(2_000);
}, 600_000);
afterAll(() => run.github.close());

describe("2,000 replies on one article", () => {
  it("accepts every one, trusted readers published and first-timers held", () => {
    expect(run.replies.filter((reply) => reply.status !== 201)).toEqual([]);
    const published = [...run.github.files("main").keys()].filter((path) => path.startsWith("content/replies/open-article/"));
    const held = [...run.github.files("replies/pending").keys()].filter((path) => path.startsWith("content/replies/open-article/"));
    expect(published.length + held.length).toBe(2_000);
    expect(held.length).toBe(run.replies.filter((reply) => reply.replyStatus === "pending").length);
  });

  it("costs each reply the same few requests, from the first to the two-thousandth", () => {
    const topLevel = run.replies.filter((reply) => reply.parent === null).map((reply) => reply.requests);
    const threaded = run.replies.filter((reply) => reply.parent !== null).map((reply) => reply.requests);
    expect(Math.max(...topLevel)).toBe(3);
    // A warm instance knows the published parents it has seen: a reply to one reads nothing more.
    expect(Math.max(...threaded)).toBe(3);
    const firstHundred = run.replies.slice(0, 100).map((reply) => reply.requests);
    const lastHundred = run.replies.slice(-100).map((reply) => reply.requests);
    expect(Math.max(...lastHundred)).toBe(Math.max(...firstHundred));
    // Never a folder listing (GitHub lists at most 1,000 entries), never over GitHub's limits.
    expect(run.github.requests.filter((request) => /\/contents\/content\/replies\/open-article(\?|$)/.test(request.url))).toEqual([]);
    expect(run.github.requests.filter((request) => request.status === 403 || request.status === 429)).toEqual([]);
  });

  it("keeps p99 latency flat from the first hundred to the last", () => {
    // CPU time, not wall time: other jobs on a shared machine stretch the wall clock by seconds.
    // Less the fake GitHub's own handling, which grows with the folder as GitHub's may.
    const p99 = (replies: typeof run.replies) =>
      percentile(
        replies.map((reply) => reply.ourCpuMs),
        99,
      );
    const first = p99(run.replies.slice(0, 100));
    const last = p99(run.replies.slice(-100));
    // Generous; a store reading every reply (1 + N requests) would be hundreds of times slower.
    expect(last).toBeLessThan(first * 3 + 20);
  });

  it("accepts a reply to the 1,500th reply on a cold instance, within five requests", async () => {
    const target = run.replies[1_499]!;
    expect(target.replyStatus).toBe("approved");
    run.clock.now += 60_000;
    const { status, body, requests } = await run.send(run.coldHandler(), {
      ...run.reader(7),
      comment: "Answering the 1,500th",
      parent: target.id,
    });
    expect(status).toBe(201);
    expect(requests).toBeLessThanOrEqual(5);
    const stored = run.github.read(
      body.status === "approved" ? "main" : "replies/pending",
      `content/replies/open-article/${String(body.id)}.json`,
    );
    expect(JSON.parse(stored!).parent).toBe(target.id);
  });

  it("refuses an exact resend of the 1,100th reply as a duplicate", async () => {
    const original = run.replies[1_099]!;
    run.clock.now += 60_000;
    const { status, body } = await run.send(run.coldHandler(), {
      ...run.reader(1_099 % 40),
      comment: `Reply number 1100 on a popular story. ${"Some words of a typical reply. ".repeat(8)}`,
      ...(original.parent ? { parent: original.parent } : {}),
    });
    expect([status, body.code]).toEqual([409, "duplicate"]);
  });
});

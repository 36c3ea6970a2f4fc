/**
 * The fault matrix, through the whole pipeline against the loopback GitHub: each fault at each
 * request of a reply. After each, the reply is stored exactly once if the reader was told it was
 * accepted, not at all if told to send it again, and the resend is then stored exactly once.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createGitHubStore } from "../../src/replies/stores/github.ts";
import { type FakeGitHub, type Fault, startFakeGitHub } from "./support/fake-github.ts";
import { post, readJson, setupPipeline, VALID } from "./support/pipeline.ts";

const PENDING = "replies/pending";
let github: FakeGitHub;
let virtual: number;

beforeEach(async () => {
  virtual = Date.parse("2024-06-01T12:00:00Z");
  github = await startFakeGitHub({ now: () => virtual });
  github.seed("main", { "README.md": "# site\n" }, "Initial commit");
  // Made by the first held reply ever (github-store.test.ts); here the faults hit the reply's own requests.
  github.seed(PENDING, { "README.md": "pending\n" }, "Start replies/pending");
});
afterEach(() => github.close());

function setup(budgetMs = 4_000) {
  const store = createGitHubStore({
    token: "t",
    repo: github.repo,
    branch: "main",
    apiUrl: github.url,
    timeoutMs: 300,
    // retry-after is waited out on the fake's clock, so an hour of limits takes no time here.
    sleep: async (ms) => {
      virtual += ms;
    },
    now: () => virtual,
  });
  return setupPipeline({ deps: { store, budgetMs } });
}

/** How many reply files (not claims) hold this text, on both branches. */
function copiesOf(body: string): number {
  return [...github.files("main"), ...github.files(PENDING)].filter(
    ([path, text]) =>
      /\/\d{8}T\d{9}Z-[a-z2-7]{10}\.json$/.test(path) && !path.includes("/.") && (JSON.parse(text) as { body: string }).body === body,
  ).length;
}

const lostEveryTime: Fault[] = Array.from({ length: 8 }, () => ({ hangMs: 1_000, apply: true }));

describe("fault matrix: each reader is told the truth, nothing lost, nothing doubled", () => {
  const faults: [string, Fault[]][] = [
    ["409", [{ status: 409 }]],
    ["422", [{ status: 422 }]],
    ["500", [{ status: 500 }]],
    ["502, 503", [{ status: 502 }, { status: 503 }]],
    ["403 with retry-after", [{ status: 403, headers: { "retry-after": "30" } }]],
    ["429 with retry-after", [{ status: 429, headers: { "retry-after": "5" } }]],
    ["hanging", [{ hangMs: 1_000 }]],
    ["answer lost after the commit", [{ hangMs: 1_000, apply: true }]],
    ["answer lost after the commit, every attempt", lostEveryTime],
  ];
  const positions: [string, "GET" | "PUT", number][] = [
    ["the trusted-reader read", "GET", 0],
    ["the claim", "PUT", 0],
    ["the reply", "PUT", 1],
  ];

  it.each(positions.flatMap(([where, method, skip]) => faults.map(([name, list]) => [name, where, method, skip, list] as const)))(
    "%s on %s",
    async (_name, _where, method, skip, list) => {
      const { handle } = setup();
      github.inject(method, ...Array.from({ length: skip }, () => ({})), ...list);
      const body = `Matrix reply ${Math.random()}`;
      const response = await handle(post({ ...VALID, comment: body }));
      const answer = await readJson(response);
      if (response.status === 201) {
        expect(copiesOf(body)).toBe(1);
        return;
      }
      // Only when it could not be stored may the reader be asked to send it again.
      expect([response.status, answer.code, copiesOf(body)]).toEqual([503, "store_unavailable", 0]);
      github.clearFaults();
      virtual += 60_000;
      const resend = await handle(post({ ...VALID, comment: body }));
      expect(resend.status).toBe(201);
      expect(copiesOf(body)).toBe(1);
    },
    20_000,
  );

  it("answers a commit whose answer was lost on every attempt as accepted, and its resend as a duplicate (not 503 then 409)", async () => {
    const { handle } = setup();
    github.inject("PUT", {}, ...lostEveryTime);
    const first = await handle(post(VALID));
    expect(first.status).toBe(201);
    const resend = await handle(post(VALID));
    expect([resend.status, (await readJson(resend)).code]).toEqual([409, "duplicate"]);
    expect(copiesOf(VALID.comment)).toBe(1);
  });

  it("finishes a reply whose claim landed but whose file did not, when the reader sends it again", async () => {
    const { handle } = setup();
    github.inject("PUT", {}, ...Array.from({ length: 16 }, () => ({ status: 500 })));
    const first = await handle(post(VALID));
    expect(first.status).toBe(503);
    expect(copiesOf(VALID.comment)).toBe(0);
    github.clearFaults();
    virtual += 60_000;
    const resend = await handle(post(VALID));
    expect(resend.status).toBe(201);
    expect(copiesOf(VALID.comment)).toBe(1);
    expect(github.log(PENDING)[0]!.message).toMatch(/\(resent\)$/);
  });

  it("answers within one budget for the whole reply when GitHub hangs, saying the text is kept", async () => {
    const { handle } = setup(2_000);
    github.inject("GET", ...Array.from({ length: 50 }, () => ({ hangMs: 5_000 })));
    const started = Date.now();
    const response = await handle(post(VALID));
    const elapsed = Date.now() - started;
    expect(response.status).toBe(503);
    expect(await readJson(response)).toMatchObject({ code: "store_unavailable", message: expect.stringMatching(/kept in the form/) });
    expect(elapsed).toBeLessThan(2_000 + 400);
    expect(copiesOf(VALID.comment)).toBe(0);
  });
});

describe("GitHub's limits", () => {
  it("keeps a burst within GitHub's concurrency, and answers what its write limits refuse with 503, truthfully", async () => {
    // 60 readers at once, on a frozen clock: 120 writes in one minute is over GitHub's 80.
    const { handle } = setup(8_000);
    const bodies = Array.from({ length: 60 }, (_, i) => `Burst reply ${i}`);
    const post60 = (list: string[]) =>
      Promise.all(list.map((comment, i) => handle(post({ ...VALID, email: `burst${i}@example.org`, comment }))));
    const answers = await post60(bodies);
    const accepted = bodies.filter((_, i) => answers[i]!.status === 201);
    const refused = bodies.filter((_, i) => answers[i]!.status !== 201);
    expect(github.peakInFlight()).toBeLessThanOrEqual(100);
    expect(refused.length).toBeGreaterThan(0);
    for (const response of answers)
      if (response.status !== 201) expect([response.status, (await readJson(response)).code]).toEqual([503, "store_unavailable"]);
    for (const body of accepted) expect(copiesOf(body)).toBe(1);
    for (const body of refused) expect(copiesOf(body)).toBe(0);

    // An hour later (GitHub's hourly write limit has room again), the refused readers resend.
    virtual += 3_600_000;
    const resent = await Promise.all(
      refused.map((comment) => handle(post({ ...VALID, email: `burst${bodies.indexOf(comment)}@example.org`, comment }))),
    );
    expect(resent.map((response) => response.status)).toEqual(refused.map(() => 201));
    for (const body of bodies) expect(copiesOf(body)).toBe(1);
  }, 60_000);
});

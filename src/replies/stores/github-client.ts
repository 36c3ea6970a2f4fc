/**
 * A small GitHub REST client for the reply store: bounded retries with backoff for 5xx, rate
 * limits and timeouts, all inside the reply's one time budget; every other status goes back to
 * the caller to decide. At most `maxConcurrent` requests in flight per instance (GitHub allows
 * 100 per token across all instances).
 * https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api
 * https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api
 */
import { type Budget, remainingMs } from "./branch-files.ts";
import { StoreUnavailableError } from "./store.ts";

export interface GitHubClientOptions {
  token: string;
  apiUrl: string;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** The wall clock, for x-ratelimit-reset (epoch seconds). */
  now?: () => number;
  /** The clock budgets are measured on; real time unless a test drives it. */
  clock?: () => number;
  /** Per attempt, and never past the reply's budget. */
  timeoutMs?: number;
  maxAttempts?: number;
  /** A rate limit that asks us to wait longer than this is given up on at once. */
  maxWaitMs?: number;
  maxConcurrent?: number;
}

export interface GitHubResponse {
  status: number;
  body: unknown;
}

export type GitHubMethod = "GET" | "PUT" | "POST" | "PATCH";
export type GitHubRequest = (method: GitHubMethod, path: string, body?: unknown, budget?: Budget) => Promise<GitHubResponse>;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** Below this, an attempt could not finish: say so now rather than time out later. */
const MIN_ATTEMPT_MS = 100;

export function createGitHubClient(options: GitHubClientOptions): GitHubRequest {
  const {
    token,
    apiUrl,
    fetch: fetcher = fetch,
    sleep = realSleep,
    now = Date.now,
    clock = Date.now,
    timeoutMs = 2_500,
    maxAttempts = 4,
    maxWaitMs = 4_000,
    maxConcurrent = 10,
  } = options;
  const gate = createGate(maxConcurrent);

  const attempt = (method: GitHubMethod, path: string, body: unknown, timeout: number) =>
    gate(() =>
      fetcher(`${apiUrl.replace(/\/+$/, "")}${path}`, {
        method,
        headers: {
          Accept: "application/vnd.github+json",
          Authorization: `Bearer ${token}`,
          "Content-Type": "application/json",
          "User-Agent": "broadsheet-replies",
          "X-GitHub-Api-Version": "2022-11-28",
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeout),
      }),
    );

  return async (method, path, body, budget) => {
    let waited = 0;
    for (let attemptNo = 1; ; attemptNo += 1) {
      const left = remainingMs(budget, clock());
      if (left < MIN_ATTEMPT_MS) throw new StoreUnavailableError(`The reply's time budget ran out before ${method} (attempt ${attemptNo})`);
      let wait: number;
      let problem: string;
      try {
        const response = await attempt(method, path, body, Math.min(timeoutMs, left));
        const retryAfter = readRateLimitWait(response, now());
        if (retryAfter === undefined && response.status < 500) {
          if (response.status === 401 || response.status === 403) {
            throw new StoreUnavailableError(`GitHub refused the token (${response.status} on ${method})`);
          }
          return { status: response.status, body: await readJson(response) };
        }
        await response.body?.cancel();
        wait = retryAfter ?? backoff(attemptNo);
        problem = `GitHub answered ${response.status}`;
      } catch (error) {
        if (error instanceof StoreUnavailableError) throw error;
        wait = backoff(attemptNo);
        problem = error instanceof Error && error.name === "TimeoutError" ? "GitHub timed out" : "GitHub unreachable";
      }
      const leftAfterWait = remainingMs(budget, clock()) - wait;
      if (attemptNo >= maxAttempts || waited + wait > maxWaitMs || leftAfterWait < MIN_ATTEMPT_MS) {
        throw new StoreUnavailableError(`${problem} on ${method} after ${attemptNo} attempt(s)`);
      }
      waited += wait;
      await sleep(wait);
    }
  };
}

/** 429, or a 403 that is a (secondary) rate limit: how long GitHub asks us to wait. */
export function readRateLimitWait(response: Response, nowMs: number): number | undefined {
  if (response.status !== 429 && response.status !== 403) return undefined;
  const retryAfter = response.headers.get("retry-after");
  if (retryAfter !== null && /^\d+$/.test(retryAfter.trim())) return Number(retryAfter) * 1000;
  const reset = response.headers.get("x-ratelimit-reset");
  if (response.headers.get("x-ratelimit-remaining") === "0" && reset !== null && /^\d+$/.test(reset)) {
    return Math.max(0, Number(reset) * 1000 - nowMs);
  }
  // A 429 with no hint still means "slow down"; a bare 403 is a permission problem.
  return response.status === 429 ? backoff(1) : undefined;
}

/** 250 ms, 500 ms, 1 s, 2 s…, with jitter so parallel instances do not retry in step. */
function backoff(attempt: number): number {
  const base = Math.min(250 * 2 ** (attempt - 1), 2_000);
  return Math.round(base * (0.75 + Math.random() * 0.5));
}

/** Runs at most `limit` tasks at once, the rest in arrival order. */
function createGate(limit: number) {
  let running = 0;
  const queue: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    // A finishing task hands its slot straight to the next in line, so the count never overshoots.
    if (running >= limit) await new Promise<void>((resolve) => queue.push(resolve));
    else running += 1;
    try {
      return await task();
    } finally {
      const next = queue.shift();
      if (next) next();
      else running -= 1;
    }
  };
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return text === "" ? null : JSON.parse(text);
  } catch {
    return null;
  }
}

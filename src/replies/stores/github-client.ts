/**
 * A small GitHub REST client for the contents store: bounded retries with backoff for 5xx,
 * rate limits and timeouts; every other status goes back to the caller to decide.
 * https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api
 */
import { StoreUnavailableError } from "./store.ts";

export interface GitHubClientOptions {
  token: string;
  apiUrl: string;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Per request; a Netlify function has about ten seconds in all. */
  timeoutMs?: number;
  maxAttempts?: number;
  /** A rate limit that asks us to wait longer than this is given up on at once. */
  maxWaitMs?: number;
}

export interface GitHubResponse {
  status: number;
  body: unknown;
}

export type GitHubRequest = (method: "GET" | "PUT", path: string, body?: unknown) => Promise<GitHubResponse>;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createGitHubClient(options: GitHubClientOptions): GitHubRequest {
  const {
    token,
    apiUrl,
    fetch: fetcher = fetch,
    sleep = realSleep,
    now = Date.now,
    timeoutMs = 2_500,
    maxAttempts = 4,
    maxWaitMs = 4_000,
  } = options;

  return async (method, path, body) => {
    let waited = 0;
    for (let attempt = 1; ; attempt += 1) {
      let wait: number;
      let problem: string;
      try {
        const response = await fetcher(`${apiUrl.replace(/\/+$/, "")}${path}`, {
          method,
          headers: {
            Accept: "application/vnd.github+json",
            Authorization: `Bearer ${token}`,
            "Content-Type": "application/json",
            "User-Agent": "broadsheet-replies",
            "X-GitHub-Api-Version": "2022-11-28",
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        const retryAfter = readRateLimitWait(response, now());
        if (retryAfter === undefined && response.status < 500) {
          if (response.status === 401 || response.status === 403) {
            throw new StoreUnavailableError(`GitHub refused the token (${response.status} on ${method})`);
          }
          return { status: response.status, body: await readJson(response) };
        }
        await response.body?.cancel();
        wait = retryAfter ?? backoff(attempt);
        problem = `GitHub answered ${response.status}`;
      } catch (error) {
        if (error instanceof StoreUnavailableError) throw error;
        wait = backoff(attempt);
        problem = error instanceof Error && error.name === "TimeoutError" ? "GitHub timed out" : "GitHub unreachable";
      }
      if (attempt >= maxAttempts || waited + wait > maxWaitMs) {
        throw new StoreUnavailableError(`${problem} on ${method} after ${attempt} attempt(s)`);
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

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return text === "" ? null : JSON.parse(text);
  } catch {
    return null;
  }
}

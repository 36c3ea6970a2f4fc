/**
 * Optional outside checks, used only when their secret is configured. Each takes fetch as a
 * parameter so tests pass a fake, and answers "unknown" rather than throwing when the service
 * is down: an unverifiable reply goes to a moderator instead of being lost.
 */
export type Verdict = "pass" | "fail" | "unknown";

export interface VerifyContext {
  ip: string | undefined;
  userAgent: string | undefined;
  referrer: string | undefined;
}

export type TurnstileVerifier = (token: string | null, context: VerifyContext) => Promise<Verdict>;

export interface AkismetComment {
  author: string;
  email: string;
  url: string | null;
  body: string;
  permalink: string;
  /** The site's URL as the build knew it (content/site.json, or the deploy's): Akismet's "blog". */
  blog: string;
}

/** "fail" means Akismet called it spam. */
export type AkismetChecker = (comment: AkismetComment, context: VerifyContext) => Promise<Verdict>;

const TIMEOUT_MS = 3_000;

/** https://developers.cloudflare.com/turnstile/get-started/server-side-validation/ */
export function createTurnstileVerifier(
  secret: string,
  fetcher: typeof fetch = fetch,
  endpoint = "https://challenges.cloudflare.com/turnstile/v0/siteverify",
): TurnstileVerifier {
  return async (token, { ip }) => {
    if (!token) return "fail";
    const form = new URLSearchParams({ secret, response: token });
    if (ip) form.set("remoteip", ip);
    try {
      const response = await fetcher(endpoint, { method: "POST", body: form, signal: AbortSignal.timeout(TIMEOUT_MS) });
      if (!response.ok) return "unknown";
      const result = (await response.json()) as { success?: unknown };
      return result.success === true ? "pass" : "fail";
    } catch {
      return "unknown";
    }
  };
}

/** https://akismet.com/developers/detailed-docs/comment-check/ */
export function createAkismetChecker(
  key: string,
  fetcher: typeof fetch = fetch,
  endpoint = `https://${key}.rest.akismet.com/1.1/comment-check`,
): AkismetChecker {
  return async (comment, { ip, userAgent, referrer }) => {
    const form = new URLSearchParams({
      blog: comment.blog,
      user_ip: ip ?? "",
      user_agent: userAgent ?? "",
      referrer: referrer ?? "",
      permalink: comment.permalink,
      comment_type: "reply",
      comment_author: comment.author,
      comment_author_email: comment.email,
      comment_author_url: comment.url ?? "",
      comment_content: comment.body,
    });
    try {
      const response = await fetcher(endpoint, { method: "POST", body: form, signal: AbortSignal.timeout(TIMEOUT_MS) });
      const answer = (await response.text()).trim();
      if (answer === "true") return "fail";
      if (answer === "false") return "pass";
      return "unknown"; // "invalid" key or an error page
    } catch {
      return "unknown";
    }
  };
}
